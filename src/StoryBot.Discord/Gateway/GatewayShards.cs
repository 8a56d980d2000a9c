using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Gateway;

/// <summary>
/// Runs every shard this process serves, each on a Gateway connection of its own with its own
/// session, heartbeat and checkpoint (<see cref="ShardRunner"/>), side by side until the host stops
/// or Discord is disabled. One shard reconnecting or stopping for good leaves the others as they are.
/// </summary>
internal sealed class GatewayShards(ShardPlanner planner, GatewayReadiness readiness, ShardRunner runner, DiscordPlatformStatus status)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, status.DisabledToken);
        IReadOnlyList<ShardId> shards;
        try
        {
            shards = await planner.PlanAsync(linked.Token);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            return;
        }

        await Task.WhenAll(readiness.Serve(shards).Select(shard => runner.RunAsync(shard, cancellationToken)));
    }
}
