using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StoryBot.Slack.Configuration;
using StoryBot.Slack.WebApi;

namespace StoryBot.Slack.Tests.WebApi;

public class ChannelPacerTests
{
    private static (ChannelPacer Pacer, FakeTimeProvider Time) Create(TimeSpan interval)
    {
        var time = new FakeTimeProvider();
        return (new ChannelPacer(Options.Create(new SlackOptions { ChannelPostInterval = interval }), time), time);
    }

    public class WaitTurnAsync
    {
        [Fact]
        public void PostsInOneChannelAreSpacedByTheInterval()
        {
            var (pacer, time) = Create(TimeSpan.FromSeconds(1));

            var first = pacer.WaitTurnAsync("C1", CancellationToken.None);
            var second = pacer.WaitTurnAsync("C1", CancellationToken.None);
            var third = pacer.WaitTurnAsync("C1", CancellationToken.None);

            Assert.True(first.IsCompletedSuccessfully);
            Assert.False(second.IsCompleted);
            time.Advance(TimeSpan.FromMilliseconds(999));
            Assert.False(second.IsCompleted);
            time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.True(second.IsCompletedSuccessfully);
            Assert.False(third.IsCompleted);
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.True(third.IsCompletedSuccessfully);
        }

        [Fact]
        public void OtherChannelsDoNotWait()
        {
            var (pacer, _) = Create(TimeSpan.FromSeconds(1));

            _ = pacer.WaitTurnAsync("C1", CancellationToken.None);

            Assert.True(pacer.WaitTurnAsync("C2", CancellationToken.None).IsCompletedSuccessfully);
        }

        [Fact]
        public void ZeroIntervalNeverWaits()
        {
            var (pacer, _) = Create(TimeSpan.Zero);

            Assert.True(pacer.WaitTurnAsync("C1", CancellationToken.None).IsCompletedSuccessfully);
            Assert.True(pacer.WaitTurnAsync("C1", CancellationToken.None).IsCompletedSuccessfully);
        }
    }

    public class TryTake
    {
        [Fact]
        public void TakesNothingUntilTheChannelsNextFreeMomentHasCome()
        {
            var (pacer, time) = Create(TimeSpan.FromSeconds(1));

            Assert.Equal(TimeSpan.Zero, pacer.TryTake("C1"));
            Assert.Equal(TimeSpan.FromSeconds(1), pacer.TryTake("C1"));
            time.Advance(TimeSpan.FromMilliseconds(400));
            Assert.Equal(TimeSpan.FromMilliseconds(600), pacer.TryTake("C1"));
            time.Advance(TimeSpan.FromMilliseconds(600));

            Assert.Equal(TimeSpan.Zero, pacer.TryTake("C1"));
            Assert.Equal(TimeSpan.Zero, pacer.TryTake("C2"));
        }
    }
}
