using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Gateway;

/// <summary>Where to connect and how many identifies are allowed, from <c>GET /gateway/bot</c> (or configuration).</summary>
internal sealed class GatewayLocator(DiscordRestClient rest, IOptions<DiscordOptions> options, ILogger<GatewayLocator> logger)
{
    public async Task<GatewayInfo> LocateAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.GatewayUrl;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new GatewayInfo(new Uri(configured), MaxConcurrency: 1, Remaining: null, ResetAfter: TimeSpan.Zero);
        }

        var answer = await rest.GetAsync("gateway/bot", cancellationToken)
            ?? throw new DiscordRestException("GET /gateway/bot returned no body");
        var limit = answer.Child("session_start_limit");
        var info = new GatewayInfo(
            new Uri(answer.String("url") ?? throw new DiscordRestException("GET /gateway/bot returned no url")),
            Math.Max(1, limit?.Int("max_concurrency") ?? 1),
            limit?.Int("remaining"),
            TimeSpan.FromMilliseconds(limit?.Child("reset_after")?.GetDouble() ?? 0));
        if (answer.Int("shards") is > 1)
        {
            logger.LogWarning("Discord recommends {Shards} shards; StoryBot runs one connection, which serves up to 2,500 guilds", answer.Int("shards"));
        }

        return info;
    }
}

/// <param name="Remaining">Identifies left in the current 24-hour window, when known.</param>
internal sealed record GatewayInfo(Uri Url, int MaxConcurrency, int? Remaining, TimeSpan ResetAfter);
