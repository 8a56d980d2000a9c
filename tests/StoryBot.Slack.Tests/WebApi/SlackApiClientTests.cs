using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StoryBot.Core.Conversation;
using StoryBot.Slack.Rendering;
using StoryBot.Slack.Tests.Fakes;
using StoryBot.Slack.WebApi;

namespace StoryBot.Slack.Tests.WebApi;

public sealed class SlackApiClientTests : IAsyncLifetime, IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-21T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly LogCapture _logs = new(LogLevel.Trace);
    private FakeSlack _slack = null!;
    private ServiceProvider _services = null!;

    private SlackApiClient Api => _services.GetRequiredService<SlackApiClient>();

    private static SlackMessage Message => SlackMessageRenderer.Render(TestReplies.Answer("who is musk"), offerReport: true);

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync(_time);
        var settings = SlackTestHost.Settings(_slack, socketMode: true, httpMode: false);
        settings["Slack:ChannelPostInterval"] = "00:00:01";
        settings["Slack:MaxRetries"] = "2";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(_time);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
        services.AddSingleton(Mock.Of<IChatBot>());
        services.AddSlack(configuration);
        _services = services.BuildServiceProvider();
    }

    public void Dispose() => _logs.Dispose();

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task PostMessageSendsTheBotTokenAndReturnsTheTs()
    {
        var ts = await Api.PostMessageAsync("C0CHANNEL", Message, "1700000000.000001", CancellationToken.None);

        var call = await _slack.NextCallAsync("chat.postMessage");
        Assert.Equal("Bearer " + SlackTestHost.BotToken, call.Authorization);
        Assert.Equal("C0CHANNEL", call.Str("channel"));
        Assert.Equal("1700000000.000001", call.Str("thread_ts"));
        Assert.Matches(@"^\d+\.\d{6}$", ts);
    }

    [Fact]
    public async Task RateLimitHonoursRetryAfterThenSucceeds()
    {
        _slack.Script("chat.postMessage", FakeResponse.RateLimited(30));
        await using (new ClockPump(_time, TimeSpan.FromMilliseconds(500)))
        {
            await Wait.For(Api.PostMessageAsync("C0CHANNEL", Message, null, CancellationToken.None));
        }

        var first = await _slack.NextCallAsync("chat.postMessage");
        var second = await _slack.NextCallAsync("chat.postMessage");
        Assert.True(second.At - first.At >= TimeSpan.FromSeconds(30), $"retried after {second.At - first.At}");
    }

    [Fact]
    public async Task RateLimitRetriesAreBounded()
    {
        for (var i = 0; i < 5; i++)
        {
            _slack.Script("chat.postMessage", FakeResponse.RateLimited(1));
        }

        SlackApiException error;
        await using (new ClockPump(_time, TimeSpan.FromMilliseconds(500)))
        {
            error = await Assert.ThrowsAsync<SlackApiException>(() => Wait.For(Api.PostMessageAsync("C0CHANNEL", Message, null, CancellationToken.None)));
        }

        Assert.Equal("ratelimited", error.Error);
        Assert.Equal(3, _slack.Count("chat.postMessage"));
    }

    [Fact]
    public async Task ServerErrorsAreRetriedABoundedNumberOfTimes()
    {
        for (var i = 0; i < 5; i++)
        {
            _slack.Script("chat.update", FakeResponse.ServerError());
        }

        SlackApiException error;
        await using (new ClockPump(_time, TimeSpan.FromMilliseconds(500)))
        {
            error = await Assert.ThrowsAsync<SlackApiException>(() => Wait.For(Api.UpdateMessageAsync("C0CHANNEL", "1.2", Message, CancellationToken.None)));
        }

        Assert.Equal("http_503", error.Error);
        Assert.Equal(3, _slack.Count("chat.update"));
    }

    [Fact]
    public async Task APostIsNotSentAgainAfterAServerErrorSoItIsNeverPostedTwice()
    {
        _slack.Script("chat.postMessage", FakeResponse.ServerError());

        var error = await Assert.ThrowsAsync<SlackApiException>(() => Api.PostMessageAsync("C0CHANNEL", Message, null, CancellationToken.None));

        Assert.Equal("http_503", error.Error);
        Assert.Equal(1, _slack.Count("chat.postMessage"));
        Assert.Contains(_logs.Lines, line => line.Message.Contains("may or may not have been posted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerErrorThenSuccessIsRetriedTransparently()
    {
        _slack.Script("chat.update", FakeResponse.ServerError());

        await using (new ClockPump(_time, TimeSpan.FromMilliseconds(500)))
        {
            await Wait.For(Api.UpdateMessageAsync("C0CHANNEL", "1.2", Message, CancellationToken.None));
        }

        Assert.Equal(2, _slack.Count("chat.update"));
    }

    [Fact]
    public async Task MessagesInOneChannelGoThroughThePacer()
    {
        var start = _time.GetUtcNow();
        await using (new ClockPump(_time, TimeSpan.FromMilliseconds(20)))
        {
            await Wait.For(Task.WhenAll(
                Api.PostMessageAsync("C0PACED", Message, null, CancellationToken.None),
                Api.PostMessageAsync("C0PACED", Message, null, CancellationToken.None),
                Api.PostMessageAsync("C0PACED", Message, null, CancellationToken.None)));
        }

        // Each post leaves no earlier than its slot, so the last cannot arrive before two intervals.
        var last = _slack.AllCalls.Where(call => call.Method == "chat.postMessage").Max(call => call.At);
        Assert.True(last - start >= TimeSpan.FromSeconds(2), $"last post after {last - start}");
    }

    [Theory]
    [InlineData("invalid_auth")]
    [InlineData("token_revoked")]
    [InlineData("account_inactive")]
    public async Task DeadTokenDisablesSlackWithOneClearLogLineAndNoFurtherCalls(string error)
    {
        _slack.Script("chat.postMessage", FakeResponse.Error(error));

        var failure = await Assert.ThrowsAsync<SlackApiException>(() => Api.PostMessageAsync("C0CHANNEL", Message, null, CancellationToken.None));
        var second = await Assert.ThrowsAsync<SlackApiException>(() => Api.PostMessageAsync("C0CHANNEL", Message, null, CancellationToken.None));
        await Assert.ThrowsAsync<SlackApiException>(() => Api.OpenConnectionAsync(CancellationToken.None));

        Assert.Equal(error, failure.Error);
        Assert.Equal("slack_disabled", second.Error);
        Assert.True(_services.GetRequiredService<SlackPlatformState>().IsDisabled);
        Assert.Equal(1, _slack.Count("chat.postMessage"));
        Assert.Equal(0, _slack.Count("apps.connections.open"));
        var critical = Assert.Single(_logs.Lines, line => line.Level == LogLevel.Critical);
        Assert.Contains("Slack:BotToken", critical.Message, StringComparison.Ordinal);
        Assert.Contains(error, critical.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoTokenAppearsInAnyLogLineOrException()
    {
        _slack.Script("chat.update", FakeResponse.ServerError());
        _slack.Script("apps.connections.open", FakeResponse.Error("invalid_auth"));
        await using (new ClockPump(_time, TimeSpan.FromMilliseconds(500)))
        {
            await Wait.For(Api.UpdateMessageAsync("C0CHANNEL", "1.2", Message, CancellationToken.None));
        }

        await Api.PostToResponseUrlAsync(_slack.ResponseUrl("T0CAPABILITY"), Message, CancellationToken.None);
        var error = await Assert.ThrowsAsync<SlackApiException>(() => Api.OpenConnectionAsync(CancellationToken.None));

        Assert.DoesNotContain("secret", error.ToString(), StringComparison.Ordinal);
        // The HTTP client factory's own logging (full URLs, headers) is off: response_url is a capability URL.
        Assert.DoesNotContain(_logs.Lines, line => line.Message.Contains("Authorization", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, line => line.Message.Contains("http://", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, line => line.Message.Contains("T0CAPABILITY", StringComparison.Ordinal));
        Assert.Contains(_logs.Lines, line => line.Message.Contains("chat.update", StringComparison.Ordinal));
        Assert.All(_logs.Lines, line => Assert.DoesNotContain("secret", line.Message, StringComparison.Ordinal));
        Assert.Contains(_logs.Lines, line => line.Message.Contains("Slack:AppToken", StringComparison.Ordinal));
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

        var call = await _slack.NextCallAsync("apps.connections.open");
        Assert.Equal("Bearer " + SlackTestHost.AppToken, call.Authorization);
        Assert.Equal("ws", url.Scheme);
    }

    [Fact]
    public async Task ResponseUrlGetsTheMessageWithItsResponseType()
    {
        await Api.PostToResponseUrlAsync(_slack.ResponseUrl("abc"), Message with { Ephemeral = true }, CancellationToken.None);

        var call = await _slack.NextCallAsync("response_url");
        Assert.Equal("ephemeral", call.Str("response_type"));
        Assert.Equal(string.Empty, call.Authorization);
    }
}
