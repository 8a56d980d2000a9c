using Microsoft.Extensions.Configuration;

namespace StoryBot.Dashboard.SignIn;

/// <summary>Everything "Sign in with Discord" needs, from the dashboard's section and the bot's own <c>Discord</c> section.</summary>
internal sealed record DiscordSignInSettings(
    string ClientId,
    string ClientSecret,
    string GuildId,
    Uri AuthorizeUrl,
    string ApiBaseUrl,
    IReadOnlyList<string> ModeratorRoleIds,
    string ModeratorPermissions)
{
    public const string Scheme = "Discord";
    public const string CallbackPath = "/signin-discord";
    public const string DefaultApiBaseUrl = "https://discord.com/api/v10";

    /// <summary>The settings when Discord sign-in is configured and complete; null when it is not configured.</summary>
    public static DiscordSignInSettings? From(IConfiguration configuration, DashboardDiscordOptions options)
    {
        if (!options.IsConfigured() || string.IsNullOrEmpty(options.ClientSecret) || string.IsNullOrEmpty(options.GuildId)
            || (string.IsNullOrEmpty(options.ClientId) ? configuration["Discord:ApplicationId"] : options.ClientId) is not { Length: > 0 } clientId)
        {
            return null;
        }

        var discord = configuration.GetSection("Discord");
        return new DiscordSignInSettings(
            clientId,
            options.ClientSecret,
            options.GuildId,
            options.AuthorizeUrl,
            (discord["ApiBaseUrl"] is { Length: > 0 } api ? api : DefaultApiBaseUrl).TrimEnd('/'),
            [.. discord.GetSection("ModeratorRoleIds").GetChildren().Select(c => c.Value).OfType<string>()],
            discord["ModeratorCommandPermissions"] ?? "32");
    }
}
