using Microsoft.AspNetCore.Mvc.RazorPages;
using StoryBot.Dashboard.SignIn;
using StoryBot.State.Moderation;

namespace StoryBot.Dashboard.Pages;

/// <summary>What every dashboard page shares.</summary>
internal abstract class DashboardPage : PageModel
{
    /// <summary>Shown once, after the redirect that follows an action.</summary>
    protected string Status
    {
        set => TempData["Status"] = value;
    }

    /// <summary>Who acts, as the audit log records it: the signed-in user, on the surface "web".</summary>
    protected Actor Actor => DashboardUser.ActorOf(User);
}
