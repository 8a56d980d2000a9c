namespace StoryBot.Testing.Discord;

/// <summary>The <c>shard</c> an IDENTIFY named: <c>[Id, Count]</c>.</summary>
public readonly record struct FakeShard(int Id, int Count)
{
    /// <summary>A guild id whose events Discord sends to this shard: <c>(guild_id &gt;&gt; 22) % Count == Id</c>.</summary>
    public string GuildId(int nth = 1) => (((long)((nth * Count) + Id)) << 22).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>An IDENTIFY the fake Gateway received: on which connection, for which shard, and when on <see cref="FakeDiscord.Clock"/>.</summary>
public sealed record FakeIdentify(FakeGatewayConnection Connection, FakeShard Shard, DateTimeOffset At);
