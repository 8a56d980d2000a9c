using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
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
        [Fact]
        public async Task OnlyMaxConcurrencyIdentifiesArePassedPerWindow()
        {
            var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
            var limiter = new IdentifyLimiter(new DiscordTimings(), time, NullLogger<IdentifyLimiter>.Instance);
            var info = new GatewayInfo(new Uri("wss://gateway.discord.gg"), MaxConcurrency: 1, Remaining: 999, ResetAfter: TimeSpan.Zero);

            await limiter.WaitAsync(info, CancellationToken.None);
            var second = limiter.WaitAsync(info, CancellationToken.None);
            time.Advance(TimeSpan.FromSeconds(4.9));
            Assert.False(second.IsCompleted);
            time.Advance(TimeSpan.FromSeconds(0.1));

            await second.WaitAsync(TimeSpan.FromSeconds(30));
        }

        [Fact]
        public async Task ASpentDailyBudgetWaitsForItsReset()
        {
            var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
            var limiter = new IdentifyLimiter(new DiscordTimings(), time, NullLogger<IdentifyLimiter>.Instance);
            var info = new GatewayInfo(new Uri("wss://gateway.discord.gg"), MaxConcurrency: 1, Remaining: 0, ResetAfter: TimeSpan.FromHours(2));

            var identify = limiter.WaitAsync(info, CancellationToken.None);
            time.Advance(TimeSpan.FromMinutes(119));
            Assert.False(identify.IsCompleted);
            time.Advance(TimeSpan.FromMinutes(1));

            await identify.WaitAsync(TimeSpan.FromSeconds(30));
        }
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
