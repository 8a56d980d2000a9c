namespace StoryBot.Discord.Gateway;

/// <summary>
/// One shard of the bot's Gateway traffic, as Identify names it: <c>shard: [Id, Count]</c>.
/// Discord sends a guild's events to shard <c>(guild_id &gt;&gt; 22) % Count</c>, and direct
/// messages to shard 0.
/// </summary>
internal readonly record struct ShardId(int Id, int Count)
{
    /// <summary>The whole bot on one connection: what StoryBot ran before it ran shards.</summary>
    public static ShardId Sole { get; } = new(0, 1);

    public bool IsSole => this == Sole;

    /// <summary>Shards with the same key take turns to identify; different keys may identify at once.</summary>
    public int RateLimitKey(int maxConcurrency) => Id % Math.Max(1, maxConcurrency);

    public override string ToString() => $"{Id}/{Count}";
}
