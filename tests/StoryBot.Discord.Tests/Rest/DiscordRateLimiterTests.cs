using Microsoft.Extensions.Time.Testing;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Tests.Rest;

public sealed class DiscordRateLimiterTests
{
    private static readonly DiscordRoute Messages = new(HttpMethod.Post, "channels/111/messages");

    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());

    [Fact]
    public void TakingASpentBucketTakesNothingAndSaysWhenItResets()
    {
        var limiter = new DiscordRateLimiter(_time);
        limiter.Update(Messages, Headers(remaining: 0, resetAfter: 3));

        Assert.Equal(TimeSpan.FromSeconds(3), limiter.TryTake(Messages));
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.Zero, limiter.TryTake(Messages));
    }

    [Fact]
    public void AnotherChannelsBucketIsItsOwn()
    {
        var limiter = new DiscordRateLimiter(_time);
        limiter.Update(Messages, Headers(remaining: 0, resetAfter: 3));

        Assert.Equal(TimeSpan.Zero, limiter.TryTake(new DiscordRoute(HttpMethod.Post, "channels/222/messages")));
    }

    [Fact]
    public void AResponseToAnEarlierRequestNeverGivesBackRequestsTakenSince()
    {
        var limiter = new DiscordRateLimiter(_time);
        limiter.Update(Messages, Headers(remaining: 4, resetAfter: 5));
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(TimeSpan.Zero, limiter.TryTake(Messages));
        }

        // Discord counted one request when it answered this; four more were taken meanwhile.
        limiter.Update(Messages, Headers(remaining: 3, resetAfter: 4.5));

        Assert.Equal(TimeSpan.FromSeconds(4.5), limiter.TryTake(Messages));
    }

    [Fact]
    public void SeveralMessagesAreTakenOnlyWhenTheBucketHoldsThemAll()
    {
        var limiter = new DiscordRateLimiter(_time);
        limiter.Update(Messages, Headers(remaining: 1, resetAfter: 2));

        Assert.Equal(TimeSpan.FromSeconds(2), limiter.TryTake(Messages, 2));
        Assert.Equal(TimeSpan.Zero, limiter.TryTake(Messages));
    }

    [Fact]
    public void BeforeABucketIsKnownOneRequestGoesFirstAndTheOthersWaitForItsAnswer()
    {
        var limiter = new DiscordRateLimiter(_time);

        Assert.Equal(TimeSpan.Zero, limiter.TryTake(Messages));
        Assert.True(limiter.TryTake(Messages) > TimeSpan.Zero);
        Assert.True(limiter.TryTake(Messages, 3) > TimeSpan.Zero);

        limiter.Update(Messages, Headers(remaining: 4, resetAfter: 5));

        Assert.Equal(TimeSpan.Zero, limiter.TryTake(Messages, 3));
        Assert.Equal(TimeSpan.Zero, limiter.TryTake(Messages));
        Assert.Equal(TimeSpan.FromSeconds(5), limiter.TryTake(Messages));
    }

    [Fact]
    public void AFirstRequestThatIsNeverAnsweredHoldsTheOthersForFiveSecondsAtMost()
    {
        var limiter = new DiscordRateLimiter(_time);
        Assert.Equal(TimeSpan.Zero, limiter.TryTake(Messages));

        _time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.True(limiter.TryTake(Messages) > TimeSpan.Zero);
        _time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.Equal(TimeSpan.Zero, limiter.TryTake(Messages));
        Assert.True(limiter.TryTake(Messages) > TimeSpan.Zero);
    }

    [Fact]
    public void AnAnswerWithoutLimitHeadersLetsTheNextRequestGo()
    {
        var limiter = new DiscordRateLimiter(_time);
        Assert.Equal(TimeSpan.Zero, limiter.TryTake(Messages));

        using var bare = new HttpResponseMessage();
        limiter.Update(Messages, bare.Headers);

        Assert.Equal(TimeSpan.Zero, limiter.TryTake(Messages));
    }

    private static System.Net.Http.Headers.HttpResponseHeaders Headers(int remaining, double resetAfter)
    {
        using var response = new HttpResponseMessage();
        response.Headers.Add("X-RateLimit-Limit", "5");
        response.Headers.Add("X-RateLimit-Remaining", remaining.ToString(System.Globalization.CultureInfo.InvariantCulture));
        response.Headers.Add("X-RateLimit-Reset-After", resetAfter.ToString("F3", System.Globalization.CultureInfo.InvariantCulture));
        response.Headers.Add("X-RateLimit-Bucket", "abcd1234");
        return response.Headers;
    }
}
