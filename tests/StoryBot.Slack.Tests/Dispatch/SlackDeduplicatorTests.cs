using Microsoft.Extensions.Time.Testing;
using StoryBot.Slack.Dispatch;

namespace StoryBot.Slack.Tests.Dispatch;

public class SlackDeduplicatorTests
{
    public class TryFirstSighting
    {
        [Fact]
        public void SecondSightingWithinRetentionIsADuplicate()
        {
            var deduplicator = new SlackDeduplicator(new FakeTimeProvider());

            Assert.True(deduplicator.TryFirstSighting("event", "Ev1"));
            Assert.False(deduplicator.TryFirstSighting("event", "Ev1"));
        }

        [Fact]
        public void KindsAreSeparate()
        {
            var deduplicator = new SlackDeduplicator(new FakeTimeProvider());

            Assert.True(deduplicator.TryFirstSighting("event", "X1"));
            Assert.True(deduplicator.TryFirstSighting("envelope", "X1"));
        }

        [Fact]
        public void AnIdIsForgottenAfterTheRetention()
        {
            var time = new FakeTimeProvider();
            var deduplicator = new SlackDeduplicator(time);
            deduplicator.TryFirstSighting("event", "Ev1");

            time.Advance(SlackDeduplicator.Retention - TimeSpan.FromSeconds(1));
            Assert.False(deduplicator.TryFirstSighting("event", "Ev1"));
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.True(deduplicator.TryFirstSighting("event", "Ev1"));
        }

        [Fact]
        public void ConcurrentSightingsLetExactlyOneThrough()
        {
            var deduplicator = new SlackDeduplicator(new FakeTimeProvider());

            var winners = Enumerable.Range(0, 64).AsParallel().Count(_ => deduplicator.TryFirstSighting("envelope", "same"));

            Assert.Equal(1, winners);
        }
    }
}
