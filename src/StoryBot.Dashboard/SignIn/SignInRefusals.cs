using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.State.Moderation;

namespace StoryBot.Dashboard.SignIn;

/// <summary>A sign-in through a platform that is turned away: audited as a refused <c>/moderate</c> is, and sent back to the sign-in page.</summary>
internal static class SignInRefusals
{
    public static async Task RefuseAsync(HttpContext context, string who, string reason, string refused)
    {
        var audit = context.RequestServices.GetRequiredService<AuditLog>();
        await audit.AppendAsync(new Actor(DashboardUser.Surface, who), AuditLog.Actions.Refused, "dashboard sign-in", reason, context.RequestAborted);
        context.Response.Redirect("/SignIn?refused=" + refused);
    }
}
