using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Gateway;

/// <summary>
/// Where to connect, how many shards Discord recommends and how many identifies are allowed, from
/// <c>GET /gateway/bot</c>. A configured URL replaces only where to connect: the identify limits are
/// read all the same, so a bot pointed at its own Gateway address still cannot overspend the daily
/// budget (which resets the token). An answer is reused for <see cref="DiscordTimings.GatewayInfoLifetime"/>,
/// so shards starting together ask once.
/// </summary>
internal sealed class GatewayLocator(DiscordRestClient rest, IOptions<DiscordOptions> options, DiscordTimings timings, TimeProvider time, ILogger<GatewayLocator> logger)
{
    private volatile Answer? _last;
    private int _warnedOfShards;

    public async Task<GatewayInfo> LocateAsync(CancellationToken cancellationToken)
    {
        if (_last is { } last && time.GetElapsedTime(last.At) < timings.GatewayInfoLifetime)
        {
            return last.Info;
        }

        var answer = await rest.GetAsync("gateway/bot", cancellationToken)
            ?? throw new DiscordRestException("GET /gateway/bot returned no body");
        var configured = options.Value.GatewayUrl;
        var url = !string.IsNullOrWhiteSpace(configured)
            ? configured
            : answer.String("url") ?? throw new DiscordRestException("GET /gateway/bot returned no url");
        var limit = answer.Child("session_start_limit");
        var info = new GatewayInfo(
            new Uri(url),
            Math.Max(1, answer.Int("shards") ?? 1),
            Math.Max(1, limit?.Int("max_concurrency") ?? 1),
            limit?.Int("remaining"),
            limit?.Int("total"),
            time.GetUtcNow() + TimeSpan.FromMilliseconds(Math.Max(0, limit?.Child("reset_after")?.GetDouble() ?? 0)));
        _last = new Answer(info, time.GetTimestamp());
        WarnOfTooFewShards(info);
        return info;
    }

    /// <summary>Drops the answer kept: the next <see cref="LocateAsync"/> asks Discord again.</summary>
    public void Forget() => _last = null;

    private void WarnOfTooFewShards(GatewayInfo info)
    {
        if (options.Value.ShardCount is { } count && DiscordShards.IsExplicit(options.Value) && info.RecommendedShards > count
            && Interlocked.Exchange(ref _warnedOfShards, 1) == 0)
        {
            logger.LogWarning("Discord recommends {Shards} shards; Discord:ShardCount is {Count}, and each shard serves up to 2,500 guilds", info.RecommendedShards, count);
        }
    }

    private sealed record Answer(GatewayInfo Info, long At);
}

/// <param name="RecommendedShards">The <c>shards</c> Discord recommends for the bot.</param>
/// <param name="MaxConcurrency">Shards whose ids differ modulo this may identify at the same time.</param>
/// <param name="Remaining">Identifies left in the current window, when known.</param>
/// <param name="Total">Identifies a window allows, when known: what <paramref name="Remaining"/> returns to at <paramref name="ResetAt"/>.</param>
internal sealed record GatewayInfo(Uri Url, int RecommendedShards, int MaxConcurrency, int? Remaining, int? Total, DateTimeOffset ResetAt);
