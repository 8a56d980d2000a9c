using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Gateway;

/// <summary>
/// Which shards this process runs: the configured ones (<see cref="DiscordOptions.ShardIds"/> of
/// <see cref="DiscordOptions.ShardCount"/>), or with <c>auto</c> every shard of the count
/// <c>GET /gateway/bot</c> recommends, asked until Discord answers.
/// </summary>
/// <remarks>Six constructor parameters on purpose: the configuration and Discord's answer decide, readiness says why there are no shards yet, and retries wait by the Gateway's timings and clock; the logger is ambient.</remarks>
internal sealed class ShardPlanner(
    IOptions<DiscordOptions> options,
    GatewayLocator locator,
    GatewayReadiness readiness,
    DiscordTimings timings,
    TimeProvider time,
    ILogger<GatewayClient> logger)
{
    /// <param name="afresh">Ask Discord again rather than reuse a recent answer (it asked for more shards since).</param>
    public async Task<IReadOnlyList<ShardId>> PlanAsync(bool afresh, CancellationToken stopping)
    {
        var settings = options.Value;
        if (afresh)
        {
            locator.Forget();
        }

        if (DiscordShards.IsExplicit(settings) && settings.ShardCount is { } count)
        {
            var ids = settings.ShardIds.Count > 0 ? settings.ShardIds.Order() : Enumerable.Range(0, count);
            return Log([.. ids.Select(id => new ShardId(id, count))], "configured");
        }

        for (var failures = 0; ; failures++)
        {
            try
            {
                var recommended = (await locator.LocateAsync(stopping)).RecommendedShards;
                return Log([.. Enumerable.Range(0, recommended).Select(id => new ShardId(id, recommended))], "recommended by Discord");
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                var delay = Backoff.Jittered(timings.ReconnectBase, timings.ReconnectCap, failures);
                readiness.NoShardsYet("no shards yet: reading the recommended shard count (GET /gateway/bot) failed; trying again");
                logger.LogWarning("Reading the recommended Discord shard count (GET /gateway/bot) failed: {Error}; trying again in {Delay}", ex.Message, delay);
                await Task.Delay(delay, time, stopping);
            }
        }
    }

    private IReadOnlyList<ShardId> Log(IReadOnlyList<ShardId> shards, string source)
    {
        logger.LogInformation(
            "Discord Gateway: running {Running} of {Count} shards here ({Source}): {Shards}",
            shards.Count,
            shards[0].Count,
            source,
            string.Join(", ", shards.Select(s => s.Id)));
        return shards;
    }
}
