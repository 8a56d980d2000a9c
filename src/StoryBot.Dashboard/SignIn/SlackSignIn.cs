using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace StoryBot.Dashboard.SignIn;

/// <summary>
/// "Sign in with Slack": OpenID Connect with ASP.NET Core's handler, which reads Slack's discovery
/// document and keys, keeps the state parameter and its correlation cookie, and checks the id
/// token's signature, issuer, audience, lifetime and nonce. The token's team must be the configured
/// workspace and its user a Slack moderator; anyone else is turned away and the refusal is audited.
/// </summary>
internal static class SlackSignIn
{
    public const string UserIdClaim = "https://slack.com/user_id";
    public const string TeamIdClaim = "https://slack.com/team_id";

    public static AuthenticationBuilder AddSlackSignIn(this AuthenticationBuilder authentication, SlackSignInSettings settings) =>
        authentication.AddOpenIdConnect(SlackSignInSettings.Scheme, "Slack", oidc =>
        {
            oidc.MetadataAddress = new Uri(settings.BaseUrl, ".well-known/openid-configuration").ToString();
            oidc.RequireHttpsMetadata = settings.BaseUrl.Scheme == Uri.UriSchemeHttps;
            oidc.ClientId = settings.ClientId;
            oidc.ClientSecret = settings.ClientSecret;
            oidc.CallbackPath = SlackSignInSettings.CallbackPath;

            // Slack answers with a code in the query (its discovery lists no other response type or mode).
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            oidc.ResponseMode = OpenIdConnectResponseMode.Query;
            oidc.Scope.Clear();
            oidc.Scope.Add("openid");
            oidc.Scope.Add("profile");

            // Slack's own claim names are read as they are; everything the dashboard needs is in the id token.
            oidc.MapInboundClaims = false;
            oidc.GetClaimsFromUserInfoEndpoint = false;
            oidc.SaveTokens = false;
            oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
            oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.NonceCookie.SameSite = SameSiteMode.Lax;
            oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.Events.OnRedirectToIdentityProvider = context =>
            {
                // Slack then offers the right workspace first; the team is still checked on the way back.
                context.ProtocolMessage.SetParameter("team", settings.TeamId);
                return Task.CompletedTask;
            };
            oidc.Events.OnTokenValidated = context => AdmitModeratorAsync(context, settings);
            oidc.Events.OnRemoteFailure = context =>
            {
                // A forged or stale state, a denied consent, a bad token, an unreachable Slack: no sign-in, one plain page.
                context.Response.Redirect("/SignIn?failed=slack");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });

    private static async Task AdmitModeratorAsync(TokenValidatedContext context, SlackSignInSettings settings)
    {
        var userId = context.Principal?.FindFirst(UserIdClaim)?.Value ?? context.Principal?.FindFirst("sub")?.Value;
        var who = "slack:" + (userId ?? "unknown");
        if (userId is null || context.Principal?.FindFirst(TeamIdClaim)?.Value != settings.TeamId)
        {
            await SignInRefusals.RefuseAsync(context.HttpContext, who, "not a member of the Slack workspace", "slack-team");
            context.HandleResponse();
            return;
        }

        if (!await SlackModerators.IsModeratorAsync(userId, settings, context.Options.Backchannel, context.HttpContext.RequestAborted))
        {
            await SignInRefusals.RefuseAsync(context.HttpContext, who, "not a Slack moderator", "slack");
            context.HandleResponse();
            return;
        }

        context.Principal = DashboardUser.Principal(who);
    }
}
