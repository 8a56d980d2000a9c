using Microsoft.Extensions.Logging;
using StoryBot.Core.Platforms;
using StoryBot.Core.Telemetry;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Conversation;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Gateway;

/// <summary>Builds what one shard keeps for itself (<see cref="GatewayShard"/>) and runs its <see cref="GatewayClient"/>.</summary>
/// <remarks>Eight constructor parameters on purpose: what a shard's client and checkpoint need beyond the shard itself; every shard shares them.</remarks>
internal sealed class ShardRunner(
    GatewayConnector connector,
    IConnectionCheckpoints checkpoints,
    BotIdentity identity,
    DiscordPlatformStatus status,
    DiscordTimings timings,
    StoryBotTelemetry telemetry,
    TimeProvider time,
    ILoggerFactory loggers)
{
    /// <returns>How the Gateway ended the shard for good, or null when it stopped with the host.</returns>
    public async Task<GatewayConnectionEnd?> RunAsync(ShardReadiness readiness, CancellationToken cancellationToken)
    {
        using var checkpoint = new GatewayCheckpoint(readiness.Shard, checkpoints, identity, timings, time, loggers.CreateLogger<GatewayCheckpoint>());
        var shard = new GatewayShard(checkpoint, readiness);
        return await new GatewayClient(shard, connector, status, timings, telemetry, time, loggers.CreateLogger<GatewayClient>()).RunAsync(cancellationToken);
    }
}
