namespace StoryBot.Discord.Gateway;

/// <summary>
/// What one shard keeps for itself across its connections: its session (what a RESUME needs), the
/// checkpoint that carries the session over a restart, and the readiness it reports.
/// </summary>
internal sealed class GatewayShard(GatewayCheckpoint checkpoint, ShardReadiness readiness)
{
    public ShardId Id => readiness.Shard;

    public GatewaySession Session { get; } = new();

    public GatewayCheckpoint Checkpoint => checkpoint;

    public ShardReadiness Readiness => readiness;
}
