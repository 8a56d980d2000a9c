using StoryBot.Slack.SocketMode;

namespace StoryBot.Slack.Tests.SocketMode;

public class ReconnectBackoffTests
{
    public class NextDelay
    {
        [Fact]
        public void DoublesWithJitterUpToTheCap()
        {
            var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));

            var delays = Enumerable.Range(0, 8).Select(_ => backoff.Next().TotalSeconds).ToList();

            double[] ceilings = [1, 2, 4, 8, 10, 10, 10, 10];
            for (var i = 0; i < delays.Count; i++)
            {
                Assert.InRange(delays[i], ceilings[i] / 2, ceilings[i]);
            }
        }

        [Fact]
        public void ResetStartsOverFromTheFirstDelay()
        {
            var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
            for (var i = 0; i < 5; i++)
            {
                backoff.Next();
            }

            backoff.Reset();

            Assert.InRange(backoff.Next().TotalSeconds, 0.5, 1);
        }

        [Fact]
        public void JitterSpreadsReconnectsOfManyInstances()
        {
            var delays = Enumerable.Range(0, 50)
                .Select(_ => new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)).Next())
                .Distinct()
                .Count();

            Assert.True(delays > 1);
        }
    }
}
