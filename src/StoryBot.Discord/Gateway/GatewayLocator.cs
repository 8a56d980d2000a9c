using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Gateway;

/// <summary>
/// Where to connect and how many identifies are allowed, from <c>GET /gateway/bot</c>. A configured
/// URL replaces only where to connect: the identify limits are read all the same, so a bot pointed
/// at its own Gateway address still cannot overspend the daily budget (which resets the token).
/// </summary>
internal sealed class GatewayLocator(DiscordRestClient rest, IOptions<DiscordOptions> options, ILogger<GatewayLocator> logger)
{
    public async Task<GatewayInfo> LocateAsync(CancellationToken cancellationToken)
    {
        var answer = await rest.GetAsync("gateway/bot", cancellationToken)
            ?? throw new DiscordRestException("GET /gateway/bot returned no body");
        var configured = options.Value.GatewayUrl;
        var url = !string.IsNullOrWhiteSpace(configured)
            ? configured
            : answer.String("url") ?? throw new DiscordRestException("GET /gateway/bot returned no url");
        var limit = answer.Child("session_start_limit");
        var info = new GatewayInfo(
            new Uri(url),
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
