using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using StoryBot.Core.Platforms;

namespace StoryBot.Core.Tests.Platforms;

public sealed class RejectedRequestsTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeLogger<RejectedRequests> _logger = new();

    [Fact]
    public void AFloodOfUnsignedRequestsWritesOneLineAMinuteWithTheCount()
    {
        var rejected = new RejectedRequests(_time, _logger);

        for (var i = 0; i < 1000; i++)
        {
            rejected.Note("Slack", "/slack/commands");
        }

        Assert.Equal(1, _logger.Collector.Count);
        Assert.Contains("0 more refused", _logger.LatestRecord.Message, StringComparison.Ordinal);

        _time.Advance(RejectedRequests.Interval);
        rejected.Note("Slack", "/slack/events");

        Assert.Equal(2, _logger.Collector.Count);
        Assert.Contains("/slack/events", _logger.LatestRecord.Message, StringComparison.Ordinal);
        Assert.Contains("999 more refused", _logger.LatestRecord.Message, StringComparison.Ordinal);
    }
}
