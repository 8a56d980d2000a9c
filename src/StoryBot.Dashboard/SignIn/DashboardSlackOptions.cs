namespace StoryBot.Dashboard.SignIn;

/// <summary>
/// Section <c>Dashboard:Slack</c>: "Sign in with Slack" (OpenID Connect), on when <see cref="ClientId"/>,
/// <see cref="ClientSecret"/> and <see cref="TeamId"/> are set. Who moderates is what chat reads:
/// <c>Slack:ModeratorUserIds</c>, or a member of one of <c>Slack:ModeratorUserGroupIds</c>.
/// </summary>
public sealed class DashboardSlackOptions
{
    /// <summary>The client id of the bot's Slack app (Basic Information → App Credentials).</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret of the bot's Slack app (a secret: set it in the environment). Add the dashboard's <c>/signin-slack</c> address as a redirect URL under OAuth &amp; Permissions.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The Slack workspace (team id such as <c>T0123ABC</c>) whose moderators may sign in; anyone from another workspace is turned away.</summary>
    public string? TeamId { get; set; }

    /// <summary>Where Slack's OpenID Connect discovery document is (<c>/.well-known/openid-configuration</c> under it).</summary>
    public Uri BaseUrl { get; set; } = new("https://slack.com");

    /// <summary>Whether Slack sign-in is configured (a method, so configuration does not take it for a setting).</summary>
    public bool IsConfigured() => !string.IsNullOrEmpty(ClientId) || !string.IsNullOrEmpty(ClientSecret) || !string.IsNullOrEmpty(TeamId);
}
