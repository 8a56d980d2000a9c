namespace StoryBot.Dashboard.SignIn;

/// <summary>
/// Section <c>Dashboard:Discord</c>: "Sign in with Discord" (OAuth2), on when <see cref="ClientSecret"/>
/// and <see cref="GuildId"/> are set. Who
/// moderates is what chat reads: <c>Discord:ModeratorCommandPermissions</c> (or Administrator) in the
/// server, or one of <c>Discord:ModeratorRoleIds</c>.
/// </summary>
public sealed class DashboardDiscordOptions
{
    /// <summary>The OAuth2 client id: the bot's Discord application id; empty for <c>Discord:ApplicationId</c>.</summary>
    public string? ClientId { get; set; }

    /// <summary>The OAuth2 client secret of the bot's Discord application (a secret: set it in the environment). Add the dashboard's <c>/signin-discord</c> address as a redirect in the Developer Portal.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The Discord server whose moderators may sign in.</summary>
    public string? GuildId { get; set; }

    /// <summary>Where Discord asks the user to authorize the dashboard.</summary>
    public Uri AuthorizeUrl { get; set; } = new("https://discord.com/oauth2/authorize");

    /// <summary>Whether Discord sign-in is configured (a method, so configuration does not take it for a setting).</summary>
    public bool IsConfigured() => !string.IsNullOrEmpty(ClientSecret) || !string.IsNullOrEmpty(GuildId);
}
