using Microsoft.Extensions.Configuration;

namespace StoryBot.Hosting;

/// <summary>Which platforms the configuration turns on, read before the host is built.</summary>
internal static class PlatformSettings
{
    public static bool AnyPlatform(IConfiguration configuration) =>
        HasAny(configuration, "Discord:Token", "Discord:PublicKey", "Slack:BotToken", "Slack:AppToken", "Slack:SigningSecret");

    /// <summary>Only the HTTP endpoints and a Prometheus scrape endpoint need a web server; the Gateway and Socket Mode dial out.</summary>
    public static bool NeedsWebServer(IConfiguration configuration) =>
        HasAny(configuration, "Discord:PublicKey", "Slack:SigningSecret") || configuration.GetValue<bool>("Telemetry:Prometheus:Enabled");

    private static bool HasAny(IConfiguration configuration, params string[] keys) =>
        keys.Any(k => !string.IsNullOrWhiteSpace(configuration[k]));
}
