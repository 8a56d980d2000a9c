using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using StoryBot.State.Storage;

namespace StoryBot.State.Tests.Storage;

/// <summary>An outage is logged when it begins and when it ends, once each, however calls interleave.</summary>
public sealed class StoreReachabilityTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeLogger<StoreReachability> _log = new();

    [Fact]
    public void ACallBegunBeforeTheOutageThatEndsWellDoesNotEndIt()
    {
        var reachability = new StoreReachability(_time, _log);
        var begunBefore = reachability.Outages;

        reachability.Failed(new TimeoutException("cut"));
        reachability.Succeeded(begunBefore);
        reachability.Failed(new TimeoutException("still cut"));

        Assert.False(reachability.IsReachable);
        Assert.Single(_log.Collector.GetSnapshot(), line => line.Message.Contains("cannot be reached", StringComparison.Ordinal));
        Assert.DoesNotContain(_log.Collector.GetSnapshot(), line => line.Message.Contains("reachable again", StringComparison.Ordinal));
    }

    [Fact]
    public void ACallBegunDuringTheOutageThatEndsWellEndsItWithOneLine()
    {
        var reachability = new StoreReachability(_time, _log);
        reachability.Failed(new TimeoutException("cut"));
        var begunDuring = reachability.Outages;
        _time.Advance(TimeSpan.FromSeconds(30));

        reachability.Succeeded(begunDuring);
        reachability.Succeeded(begunDuring);

        Assert.True(reachability.IsReachable);
        Assert.Null(reachability.DownSince);
        Assert.Single(_log.Collector.GetSnapshot(), line => line.Message.Contains("reachable again after 00:00:30", StringComparison.Ordinal));
    }
}
