using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace StoryBot.Dashboard.SignIn;

/// <summary>
/// "Sign in with Discord": OAuth2's authorization code flow (ASP.NET Core's handler keeps the state
/// parameter and its correlation cookie), then a moderator check against the configured server. A
/// member who does not moderate is turned away, and the refusal is audited as in chat.
/// </summary>
internal static class DiscordSignIn
{
    private const string ModeratorClaim = "storybot:moderator";

    public static AuthenticationBuilder AddDiscordSignIn(this AuthenticationBuilder authentication, DiscordSignInSettings settings) =>
        authentication.AddOAuth(DiscordSignInSettings.Scheme, "Discord", oauth =>
        {
            oauth.ClientId = settings.ClientId;
            oauth.ClientSecret = settings.ClientSecret;
            oauth.AuthorizationEndpoint = settings.AuthorizeUrl.ToString();
            oauth.TokenEndpoint = settings.ApiBaseUrl + "/oauth2/token";
            oauth.CallbackPath = DiscordSignInSettings.CallbackPath;
            oauth.Scope.Add("identify");
            oauth.Scope.Add("guilds");
            if (settings.ModeratorRoleIds.Count > 0)
            {
                oauth.Scope.Add("guilds.members.read");
            }

            // Discord comes back with a top-level GET from its own site: Lax lets the cookie come along, and it stays
            // plain http on loopback.
            oauth.CorrelationCookie.SameSite = SameSiteMode.Lax;
            oauth.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oauth.Events.OnCreatingTicket = context => ReadModeratorAsync(context, settings);
            oauth.Events.OnTicketReceived = RefuseNonModeratorAsync;
            oauth.Events.OnRemoteFailure = context =>
            {
                // A forged or stale state, a denied consent, an unreachable Discord: no sign-in, one plain page.
                context.Response.Redirect("/SignIn?failed=discord");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });

    private static async Task ReadModeratorAsync(OAuthCreatingTicketContext context, DiscordSignInSettings settings)
    {
        using var user = await GetAsync(context, settings, "/users/@me");
        var id = user.RootElement.GetProperty("id").GetString() ?? throw new InvalidOperationException("Discord sent a user without an id");
        using var guilds = await GetAsync(context, settings, "/users/@me/guilds");
        var permissions = guilds.RootElement.EnumerateArray()
            .Where(g => g.GetProperty("id").GetString() == settings.GuildId)
            .Select(g => g.TryGetProperty("permissions", out var p) ? p.GetString() : null)
            .FirstOrDefault();
        IReadOnlyCollection<string> roles = [];
        if (settings.ModeratorRoleIds.Count > 0 && guilds.RootElement.EnumerateArray().Any(g => g.GetProperty("id").GetString() == settings.GuildId))
        {
            using var member = await GetAsync(context, settings, $"/users/@me/guilds/{settings.GuildId}/member");
            roles = [.. member.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).OfType<string>()];
        }

        context.Identity!.AddClaim(new Claim(ClaimTypes.Name, "discord:" + id));
        context.Identity.AddClaim(new Claim(ModeratorClaim, DiscordModerators.IsModerator(permissions, roles, settings) ? "true" : "false"));
    }

    private static async Task RefuseNonModeratorAsync(TicketReceivedContext context)
    {
        if (context.Principal?.FindFirst(ModeratorClaim)?.Value == "true")
        {
            return;
        }

        await SignInRefusals.RefuseAsync(context.HttpContext, context.Principal?.Identity?.Name ?? "discord:unknown", "not a moderator of the Discord server", "discord");
        context.HandleResponse();
    }

    private static async Task<JsonDocument> GetAsync(OAuthCreatingTicketContext context, DiscordSignInSettings settings, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, settings.ApiBaseUrl + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", context.AccessToken);
        using var response = await context.Backchannel.SendAsync(request, context.HttpContext.RequestAborted);
        response.EnsureSuccessStatusCode();
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(context.HttpContext.RequestAborted), cancellationToken: context.HttpContext.RequestAborted);
    }
}
