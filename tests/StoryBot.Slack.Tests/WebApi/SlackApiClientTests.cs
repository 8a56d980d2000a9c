using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StoryBot.Core.Conversation;
using StoryBot.Slack.Rendering;
using StoryBot.Slack.Tests.Fakes;
using StoryBot.Slack.WebApi;

namespace StoryBot.Slack.Tests.WebApi;

public sealed class SlackApiClientTests : SlackServicesTest
{
    private SlackApiClient Api => Services.GetRequiredService<SlackApiClient>();

    private static SlackMessage Message => SlackMessageRenderer.Render(TestReplies.Answer("who is musk"), offerReport: true);

    [Fact]
    public async Task PostMessageSendsTheBotTokenAndReturnsTheTs()
    {
        var ts = await Api.PostMessageAsync("C0CHANNEL", Message, "1700000000.000001", CancellationToken.None);

        var call = await Slack.NextCallAsync("chat.postMessage");
        Assert.Equal("Bearer " + SlackTestHost.BotToken, call.Authorization);
        Assert.Equal("C0CHANNEL", call.Str("channel"));
        Assert.Equal("1700000000.000001", call.Str("thread_ts"));
        Assert.Matches(@"^\d+\.\d{6}$", ts);
    }

    [Fact]
    public async Task RateLimitHonoursRetryAfterThenSucceeds()
    {
        Slack.Script("chat.postMessage", FakeResponse.RateLimited(30));
        await using (new ClockPump(Time, TimeSpan.FromMilliseconds(500)))
        {
            await Wait.For(Api.PostMessageAsync("C0CHANNEL", Message, null, CancellationToken.None));
        }

        var first = await Slack.NextCallAsync("chat.postMessage");
        var second = await Slack.NextCallAsync("chat.postMessage");
        Assert.True(second.At - first.At >= TimeSpan.FromSeconds(30), $"retried after {second.At - first.At}");
    }

    [Fact]
    public async Task RateLimitRetriesAreBounded()
    {
        for (var i = 0; i < 5; i++)
        {
            Slack.Script("chat.postMessage", FakeResponse.RateLimited(1));
        }

        SlackApiException error;
        await using (new ClockPump(Time, TimeSpan.FromMilliseconds(500)))
        {
            error = await Assert.ThrowsAsync<SlackApiException>(() => Wait.For(Api.PostMessageAsync("C0CHANNEL", Message, null, CancellationToken.None)));
        }

        Assert.Equal("ratelimited", error.Error);
        Assert.Equal(3, Slack.Count("chat.postMessage"));
    }

    [Fact]
    public async Task ServerErrorsAreRetriedABoundedNumberOfTimes()
    {
        for (var i = 0; i < 5; i++)
        {
            Slack.Script("chat.update", FakeResponse.ServerError());
        }

        SlackApiException error;
        await using (new ClockPump(Time, TimeSpan.FromMilliseconds(500)))
        {
            error = await Assert.ThrowsAsync<SlackApiException>(() => Wait.For(Api.UpdateMessageAsync("C0CHANNEL", "1.2", Message, CancellationToken.None)));
        }

        Assert.Equal("http_503", error.Error);
        Assert.Equal(3, Slack.Count("chat.update"));
    }

    [Fact]
    public async Task APostIsNotSentAgainAfterAServerErrorSoItIsNeverPostedTwice()
    {
        Slack.Script("chat.postMessage", FakeResponse.ServerError());

        var error = await Assert.ThrowsAsync<SlackApiException>(() => Api.PostMessageAsync("C0CHANNEL", Message, null, CancellationToken.None));

        Assert.Equal("http_503", error.Error);
        Assert.Equal(1, Slack.Count("chat.postMessage"));
        Assert.Contains(Logs.Lines, line => line.Message.Contains("may or may not have been posted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerErrorThenSuccessIsRetriedTransparently()
    {
        Slack.Script("chat.update", FakeResponse.ServerError());

        await using (new ClockPump(Time, TimeSpan.FromMilliseconds(500)))
        {
            await Wait.For(Api.UpdateMessageAsync("C0CHANNEL", "1.2", Message, CancellationToken.None));
        }

        Assert.Equal(2, Slack.Count("chat.update"));
    }

    [Fact]
    public async Task MessagesInOneChannelGoThroughThePacer()
    {
        var start = Time.GetUtcNow();
        await using (new ClockPump(Time, TimeSpan.FromMilliseconds(20)))
        {
            await Wait.For(Task.WhenAll(
                Api.PostMessageAsync("C0PACED", Message, null, CancellationToken.None),
                Api.PostMessageAsync("C0PACED", Message, null, CancellationToken.None),
                Api.PostMessageAsync("C0PACED", Message, null, CancellationToken.None)));
        }

        // Each post leaves no earlier than its slot, so the last cannot arrive before two intervals.
        var last = Slack.AllCalls.Where(call => call.Method == "chat.postMessage").Max(call => call.At);
        Assert.True(last - start >= TimeSpan.FromSeconds(2), $"last post after {last - start}");
    }

    [Theory]
    [InlineData("invalid_auth")]
    [InlineData("token_revoked")]
    [InlineData("account_inactive")]
    public async Task DeadTokenDisablesSlackWithOneClearLogLineAndNoFurtherCalls(string error)
    {
        Slack.Script("chat.postMessage", FakeResponse.Error(error));

        var failure = await Assert.ThrowsAsync<SlackApiException>(() => Api.PostMessageAsync("C0CHANNEL", Message, null, CancellationToken.None));
        var second = await Assert.ThrowsAsync<SlackApiException>(() => Api.PostMessageAsync("C0CHANNEL", Message, null, CancellationToken.None));
        await Assert.ThrowsAsync<SlackApiException>(() => Api.OpenConnectionAsync(CancellationToken.None));

        Assert.Equal(error, failure.Error);
        Assert.Equal("slack_disabled", second.Error);
        Assert.True(Services.GetRequiredService<SlackPlatformState>().IsDisabled);
        Assert.Equal(1, Slack.Count("chat.postMessage"));
        Assert.Equal(0, Slack.Count("apps.connections.open"));
        var critical = Assert.Single(Logs.Lines, line => line.Level == LogLevel.Critical);
        Assert.Contains("Slack:BotToken", critical.Message, StringComparison.Ordinal);
        Assert.Contains(error, critical.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoTokenAppearsInAnyLogLineOrException()
    {
        Slack.Script("chat.update", FakeResponse.ServerError());
        Slack.Script("apps.connections.open", FakeResponse.Error("invalid_auth"));
        await using (new ClockPump(Time, TimeSpan.FromMilliseconds(500)))
        {
            await Wait.For(Api.UpdateMessageAsync("C0CHANNEL", "1.2", Message, CancellationToken.None));
        }

        await Api.PostToResponseUrlAsync(Slack.ResponseUrl("T0CAPABILITY"), Message, CancellationToken.None);
        var error = await Assert.ThrowsAsync<SlackApiException>(() => Api.OpenConnectionAsync(CancellationToken.None));

        Assert.DoesNotContain("secret", error.ToString(), StringComparison.Ordinal);
        // The HTTP client factory's own logging (full URLs, headers) is off: response_url is a capability URL.
        Assert.DoesNotContain(Logs.Lines, line => line.Message.Contains("Authorization", StringComparison.Ordinal));
        Assert.DoesNotContain(Logs.Lines, line => line.Message.Contains("http://", StringComparison.Ordinal));
        Assert.DoesNotContain(Logs.Lines, line => line.Message.Contains("T0CAPABILITY", StringComparison.Ordinal));
        Assert.Contains(Logs.Lines, line => line.Message.Contains("chat.update", StringComparison.Ordinal));
        Assert.All(Logs.Lines, line => Assert.DoesNotContain("secret", line.Message, StringComparison.Ordinal));
        Assert.Contains(Logs.Lines, line => line.Message.Contains("Slack:AppToken", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://slack.com/api/")]
    [InlineData("https://slack.com/api")]
    public void MethodsResolveUnderTheBaseUrlWithOrWithoutItsTrailingSlash(string apiBaseUrl)
    {
        Assert.Equal(new Uri("https://slack.com/api/chat.postMessage"), SlackApiTransport.MethodUrl(new Uri(apiBaseUrl), "chat.postMessage"));
    }

    [Fact]
    public async Task OpenConnectionUsesTheAppToken()
    {
        var url = await Api.OpenConnectionAsync(CancellationToken.None);

        var call = await Slack.NextCallAsync("apps.connections.open");
        Assert.Equal("Bearer " + SlackTestHost.AppToken, call.Authorization);
        Assert.Equal("ws", url.Scheme);
    }

    [Fact]
    public async Task ResponseUrlGetsTheMessageWithItsResponseType()
    {
        await Api.PostToResponseUrlAsync(Slack.ResponseUrl("abc"), Message with { Ephemeral = true }, CancellationToken.None);

        var call = await Slack.NextCallAsync("response_url");
        Assert.Equal("ephemeral", call.Str("response_type"));
        Assert.Equal(string.Empty, call.Authorization);
    }
}
