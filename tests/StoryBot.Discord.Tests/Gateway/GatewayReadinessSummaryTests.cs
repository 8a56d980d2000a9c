using Microsoft.Extensions.Logging.Abstractions;
using StoryBot.Core.Platforms;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Gateway;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Tests.Gateway;

/// <summary>What readiness says of a process's shards as a whole, whatever each of them is doing.</summary>
public sealed class GatewayReadinessSummaryTests : IDisposable
{
    private readonly DiscordPlatformStatus _status = new(NullLogger<DiscordPlatformStatus>.Instance);
    private readonly GatewayReadiness _readiness;

    public GatewayReadinessSummaryTests() => _readiness = new GatewayReadiness(_status, new DiscordTimings());

    public void Dispose() => _status.Dispose();

    [Fact]
    public void BeforeItsShardsAreKnownTheGatewaySaysWhatItWaitsFor()
    {
        var connecting = _readiness.Current;
        _readiness.NoShardsYet("no shards yet: reading the recommended shard count (GET /gateway/bot) failed; trying again");

        Assert.Equal(ConnectionReadiness.Down("connecting to the Discord Gateway"), connecting);
        Assert.Equal(ConnectionReadiness.Down("no shards yet: reading the recommended shard count (GET /gateway/bot) failed; trying again"), _readiness.Current);
    }

    [Fact]
    public void ShardsThatAreNotReadyAreNamedTogetherByReason()
    {
        var shards = _readiness.Serve([new ShardId(0, 8), new ShardId(1, 8), new ShardId(2, 8), new ShardId(3, 8), new ShardId(5, 8)]);
        var connecting = _readiness.Current;

        shards[1].NotReady("stopped: the Discord Gateway closed with 4010 (invalid shard); not reconnecting");

        Assert.Equal(ConnectionReadiness.Down("0 of 5 shards ready (0–3, 5 of 8); shards 0–3, 5: connecting to the Discord Gateway"), connecting);
        Assert.Equal(
            ConnectionReadiness.Down("0 of 5 shards ready (0–3, 5 of 8); shards 0, 2, 3, 5: connecting to the Discord Gateway; shard 1: stopped: the Discord Gateway closed with 4010 (invalid shard); not reconnecting"),
            _readiness.Current);
    }

    [Fact]
    public void OneShardOfAnotherCountIsNamedEvenAlone()
    {
        _readiness.Serve([new ShardId(3, 4)]);

        Assert.Equal(ConnectionReadiness.Down("0 of 1 shards ready (3 of 4); shard 3: connecting to the Discord Gateway"), _readiness.Current);
    }

    [Fact]
    public void DisabledDiscordIsNotReadyWhateverItsShards()
    {
        _readiness.Serve([new ShardId(0, 2), new ShardId(1, 2)]);

        _status.Disable("the bot token was rejected");

        Assert.Equal(ConnectionReadiness.Down("Discord is disabled: the bot token was rejected"), _readiness.Current);
    }
}
