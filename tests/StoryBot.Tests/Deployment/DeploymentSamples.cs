namespace StoryBot.Tests.Deployment;

/// <summary>
/// Stand-ins for the secrets the deployment files leave to the person running them (a compose
/// variable that must be set, an <c>-e Name</c> taken from the shell, a placeholder such as
/// <c>xoxb-…</c>), shaped as the bot's validation expects the real ones to be.
/// </summary>
internal static class DeploymentSamples
{
    public const string DiscordPublicKey = "2a0ef0c1b6e7b3b2ad33c6f55e7d95d11c2b2ca5e1e3d5c8f46aa3f7c81d2e94";

    private static readonly Dictionary<string, string> ByKey = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Discord:Token"] = "sample-discord-token",
        ["Discord:ApplicationId"] = "775799577604177920",
        ["Discord:PublicKey"] = DiscordPublicKey,
        ["Slack:BotToken"] = "xoxb-sample",
        ["Slack:AppToken"] = "xapp-sample",
        ["Slack:SigningSecret"] = "sample-signing-secret",
        ["Summaries:Schedules:0:ChannelId"] = "C0123456789",
    };

    public static string? For(string key) => ByKey.GetValueOrDefault(key);
}
