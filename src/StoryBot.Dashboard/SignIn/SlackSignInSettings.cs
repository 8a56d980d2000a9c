using Microsoft.Extensions.Configuration;

namespace StoryBot.Dashboard.SignIn;

/// <summary>
/// Everything "Sign in with Slack" needs, from the dashboard's section and the bot's own <c>Slack</c>
/// section (read as keys, as the Discord rule is: the dashboard does not depend on the Slack adapter).
/// </summary>
internal sealed record SlackSignInSettings(
    string ClientId,
    string ClientSecret,
    string TeamId,
    Uri BaseUrl,
    IReadOnlyList<string> ModeratorUserIds,
    IReadOnlyList<string> ModeratorUserGroupIds,
    string? BotToken,
    Uri ApiBaseUrl)
{
    public const string Scheme = "Slack";
    public const string CallbackPath = "/signin-slack";

    /// <summary>The settings when Slack sign-in is configured and complete; null when it is not configured.</summary>
    public static SlackSignInSettings? From(IConfiguration configuration, DashboardSlackOptions options)
    {
        if (!options.IsConfigured() || string.IsNullOrEmpty(options.ClientId) || string.IsNullOrEmpty(options.ClientSecret) || string.IsNullOrEmpty(options.TeamId))
        {
            return null;
        }

        var slack = configuration.GetSection("Slack");
        return new SlackSignInSettings(
            options.ClientId,
            options.ClientSecret,
            options.TeamId,
            options.BaseUrl,
            [.. List(slack.GetSection("ModeratorUserIds")), .. List(configuration.GetSection("Moderation:SlackUserIds"))],
            List(slack.GetSection("ModeratorUserGroupIds")),
            slack["BotToken"],
            Uri.TryCreate(slack["ApiBaseUrl"], UriKind.Absolute, out var api) ? api : new Uri("https://slack.com/api/"));
    }

    private static string[] List(IConfigurationSection section) =>
        [.. section.GetChildren().Select(c => c.Value).OfType<string>().Where(v => v.Length > 0)];
}
