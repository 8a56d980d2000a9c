using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using StoryBot.State.Moderation;

namespace StoryBot.Dashboard.SignIn;

/// <summary>Who is signed in to the dashboard, and how their actions are recorded.</summary>
internal static class DashboardUser
{
    /// <summary>The surface every dashboard action is audited with, where chat actions name their platform.</summary>
    public const string Surface = "web";

    /// <summary>The name of whoever signed in with the one-time link printed at start: the bot's operator.</summary>
    public const string Operator = "operator";

    public static ClaimsPrincipal Principal(string name) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>The actor an audit entry names for a request by <paramref name="user"/>.</summary>
    public static Actor ActorOf(ClaimsPrincipal user) =>
        new(Surface, user.Identity?.Name ?? throw new InvalidOperationException("Dashboard actions need a signed-in user"));
}
