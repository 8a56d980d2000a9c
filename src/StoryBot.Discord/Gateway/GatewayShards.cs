using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Gateway;

/// <summary>
/// Runs every shard this process serves, each on a Gateway connection of its own with its own
/// session, heartbeat and checkpoint (<see cref="ShardRunner"/>), side by side until the host stops
/// or Discord is disabled. One shard reconnecting or stopping for good leaves the others as they are,
/// except that with <c>auto</c> shards a "sharding required" close (4011, the bot outgrew the count)
/// ends them all and starts again with the count <c>GET /gateway/bot</c> recommends then.
/// </summary>
/// <remarks>Eight constructor parameters on purpose: the plan, its readiness and its runner, the platform switch, and the options, timings and clock that say whether and when to plan again; the logger is ambient.</remarks>
internal sealed class GatewayShards(
    ShardPlanner planner,
    GatewayReadiness readiness,
    ShardRunner runner,
    DiscordPlatformStatus status,
    IOptions<DiscordOptions> options,
    DiscordTimings timings,
    TimeProvider time,
    ILogger<GatewayShards> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, status.DisabledToken);
        for (var replans = 0; ; replans++)
        {
            try
            {
                if (replans > 0)
                {
                    // Discord may not recommend the new count at once: do not spin through identifies.
                    await Task.Delay(Backoff.Jittered(timings.ReconnectBase, timings.ReconnectCap, replans - 1), time, linked.Token);
                }

                var shards = await planner.PlanAsync(afresh: replans > 0, linked.Token);
                if (!await RunUntilOutgrownAsync(shards, cancellationToken))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                return;
            }

            logger.LogWarning("Discord closed a shard with 4011 (sharding required): every shard stops and the recommended shard count is read again");
        }
    }

    /// <returns>Whether the shards stopped because Discord asks for more of them and they are <c>auto</c>.</returns>
    private async Task<bool> RunUntilOutgrownAsync(IReadOnlyList<ShardId> shards, CancellationToken cancellationToken)
    {
        var replannable = DiscordShards.IsAuto(options.Value);
        using var outgrown = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAll(readiness.Serve(shards).Select(async shard =>
        {
            var end = await runner.RunAsync(shard, outgrown.Token);
            if (end?.CloseCode != GatewayCloseCodes.ShardingRequired)
            {
                return;
            }

            if (replannable)
            {
                await outgrown.CancelAsync();
            }
            else
            {
                logger.LogError("Discord Gateway shard {Shard} stopped for good: Discord asks for more shards than Discord:ShardCount ({Count}); raise it (GET /gateway/bot says how many), or set Discord:Shards to auto. The rest of StoryBot keeps running.", shard.Shard, shard.Shard.Count);
            }
        }));
        return outgrown.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
    }
}
