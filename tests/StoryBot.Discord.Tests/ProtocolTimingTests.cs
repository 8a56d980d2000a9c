using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using StoryBot.Core.Platforms;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Gateway;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Tests;

public sealed class ProtocolTimingTests
{
    public sealed class Backoffs
    {
        [Theory]
        [InlineData(0, 500, 1000)]
        [InlineData(1, 1000, 2000)]
        [InlineData(3, 4000, 8000)]
        [InlineData(20, 30000, 60000)]
        public void ReconnectBackoffDoublesFromOneSecondWithJitterAndIsCappedAtOneMinute(int attempt, int minMs, int maxMs)
        {
            for (var i = 0; i < 100; i++)
            {
                var delay = Backoff.Jittered(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), attempt);
                Assert.InRange(delay.TotalMilliseconds, minMs, maxMs);
            }
        }
    }

    public sealed class Identifies
    {
        private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
        private readonly FakeLogger<IdentifyLimiter> _log = new();
        private readonly IdentifyLimiter _limiter;

        public Identifies() => _limiter = new IdentifyLimiter(new DiscordTimings(), new InMemorySpacedTurns(), _time, _log);

        [Fact]
        public async Task OnlyOneIdentifyOfABucketIsPassedPerWindow()
        {
            var info = Info(maxConcurrency: 1);

            await _limiter.WaitAsync(info, ShardId.Sole, CancellationToken.None);
            var second = _limiter.WaitAsync(info, ShardId.Sole, CancellationToken.None);
            _time.Advance(TimeSpan.FromSeconds(4.9));
            Assert.False(second.IsCompleted);
            _time.Advance(TimeSpan.FromSeconds(0.1));

            await second.WaitAsync(TimeSpan.FromSeconds(30));
        }

        [Fact]
        public async Task ShardsOfDifferentBucketsIdentifyTogetherWhileShardsOfOneBucketTakeTurns()
        {
            var info = Info(maxConcurrency: 2);

            var identifies = Enumerable.Range(0, 4).Select(id => _limiter.WaitAsync(info, new ShardId(id, 4), CancellationToken.None)).ToList();
            var first = identifies.Select(t => t.IsCompleted).ToList();
            _time.Advance(TimeSpan.FromSeconds(4.9));
            var almost = identifies.Select(t => t.IsCompleted).ToList();
            _time.Advance(TimeSpan.FromSeconds(0.1));
            await Task.WhenAll(identifies).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal([true, true, false, false], first);
            Assert.Equal([true, true, false, false], almost);
        }

        [Fact]
        public async Task ASpentDailyBudgetWaitsForItsResetAndSaysSoOnceForEveryShardThatWaits()
        {
            var info = Info(remaining: 0, resetAfter: TimeSpan.FromHours(2));

            var first = _limiter.WaitAsync(info, new ShardId(0, 2), CancellationToken.None);
            var second = _limiter.WaitAsync(info, new ShardId(1, 2), CancellationToken.None);
            _time.Advance(TimeSpan.FromMinutes(119));
            Assert.False(first.IsCompleted);
            _time.Advance(TimeSpan.FromMinutes(1));
            await first.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.False(second.IsCompleted);
            _time.Advance(TimeSpan.FromSeconds(5));

            await second.WaitAsync(TimeSpan.FromSeconds(30));
            var warning = Assert.Single(_log.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
            Assert.Contains("identify budget is spent", warning.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task IdentifiesSentSinceAnAnswerCountAgainstItsRemainingBudget()
        {
            var info = Info(maxConcurrency: 16, remaining: 2, resetAfter: TimeSpan.FromHours(1));

            await _limiter.WaitAsync(info, new ShardId(0, 3), CancellationToken.None);
            await _limiter.WaitAsync(info, new ShardId(1, 3), CancellationToken.None);
            var third = _limiter.WaitAsync(info, new ShardId(2, 3), CancellationToken.None);
            _time.Advance(TimeSpan.FromMinutes(59));
            Assert.False(third.IsCompleted);
            _time.Advance(TimeSpan.FromMinutes(1));

            await third.WaitAsync(TimeSpan.FromSeconds(30));
        }

        private GatewayInfo Info(int maxConcurrency = 1, int? remaining = 999, TimeSpan? resetAfter = null) =>
            new(new Uri("wss://gateway.discord.gg"), RecommendedShards: 1, maxConcurrency, remaining, Total: 1000, _time.GetUtcNow() + (resetAfter ?? TimeSpan.FromHours(4)));
    }

    public sealed class Routes
    {
        [Theory]
        [InlineData("POST", "channels/111/messages", "POST channels/111/messages", "channels/111")]
        [InlineData("PATCH", "channels/111/messages/222", "PATCH channels/111/messages/{id}", "channels/111")]
        [InlineData("POST", "interactions/333/secret/callback?with_response=true", "POST interactions/{id}/{token}/callback", "")]
        public void BucketsAreKeyedByRouteAndTopLevelResource(string method, string path, string template, string major)
        {
            var route = new DiscordRoute(new HttpMethod(method), path);

            Assert.Equal(template, route.Template);
            Assert.Equal(major, route.MajorParameter);
            Assert.DoesNotContain("secret", route.Redacted, StringComparison.Ordinal);
        }
    }
}
