using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Platforms;
using StoryBot.Discord.Tests.Fakes;

namespace StoryBot.Discord.Tests.Posting;

/// <summary>
/// Discord's bucket for creating messages (5 per 5 s per channel, paced by the fake as Discord
/// does), with the clock held still: answers waiting for one channel's bucket never hold up another.
/// </summary>
public sealed class DiscordDeliveryTests : IAsyncLifetime, IDisposable
{
    private const string Busy = "645027906669510667";
    private const string Quiet = "319674150115610528";

    /// <summary>The work queue's workers: few, so that work waiting in them would soon hold up the rest.</summary>
    private const int Workers = 4;

    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
    private readonly Ed25519Signer _signer = new();
    private readonly SemaphoreSlim _recorded = new(0);
    private readonly InMemoryWorkJournal _journal = new(TimeProvider.System);
    private readonly Mock<IAnswerRecorder> _recorder = new();
    private readonly Mock<IChatBot> _bot = BotHost.ChatBot(TestReplies.Answer());
    private FakeDiscord _discord = null!;
    private BotHost? _host;
    private FakeGatewayConnection _connection = null!;
    private int _nextMessage;

    public async Task InitializeAsync()
    {
        _discord = await FakeDiscord.StartAsync();
        _discord.PaceMessages(_time);
        _recorder.Setup(r => r.RecordAsync(It.IsAny<PostedMessage>(), It.IsAny<ChatRequest>(), It.IsAny<Reply>(), It.IsAny<CancellationToken>()))
            .Callback(() => _recorded.Release())
            .Returns(Task.CompletedTask);

        _host = await StartBotAsync(runGateway: true);
        _connection = await _discord.NextGatewayConnectionAsync();
        await _connection.SendHelloAsync();
        await _connection.ReceiveAsync();
        await _connection.SendReadyAsync("session-1", _discord.ResumeGatewayUrl);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _discord.DisposeAsync();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _signer.Dispose();
        _recorded.Dispose();
    }

    [Fact]
    public async Task FortyAnswersWaitingForOneChannelsBucketDoNotHoldUpAnAnswerInAnother()
    {
        var start = _time.GetUtcNow();
        await SpendBusyBucketAsync();

        for (var i = 0; i < 40; i++)
        {
            await AskAsync(Busy);
        }

        await AskAsync(Quiet);
        var quiet = await _discord.WaitForRequestAsync(r => r.Method == "POST" && r.Path == $"channels/{Quiet}/messages");

        Assert.True(_time.GetUtcNow() - start < TimeSpan.FromSeconds(2), $"answered after {_time.GetUtcNow() - start}");
        Assert.NotNull(quiet);
        Assert.Equal(5, PostsIn(Busy));
        Assert.Equal(0, _discord.RateLimitedCount);
    }

    [Fact]
    public async Task SummariesAndCorrectionsWaitingForOneChannelsBucketDoNotHoldUpAnAnswerInAnother()
    {
        var start = _time.GetUtcNow();
        await SpendBusyBucketAsync();
        var poster = Assert.Single(_host!.Services.GetServices<IChannelPoster>());
        var answered = new PostedMessage("discord", Busy, "1100000000000000444");

        // Three times as many as the queue has workers: summaries, and corrections posted next to an answer.
        var posts = Enumerable.Range(0, 3 * Workers)
            .Select(i => i % 2 == 0
                ? poster.PostAsync(Busy, TestReplies.Answer(), CancellationToken.None)
                : poster.PostNextToAsync(answered, TestReplies.Answer(), CancellationToken.None))
            .ToList();
        await AskAsync(Quiet);
        var quiet = await _discord.WaitForRequestAsync(r => r.Method == "POST" && r.Path == $"channels/{Quiet}/messages");

        Assert.True(_time.GetUtcNow() - start < TimeSpan.FromSeconds(2), $"answered after {_time.GetUtcNow() - start}");
        Assert.NotNull(quiet);
        Assert.Equal(5, PostsIn(Busy));
        Assert.DoesNotContain(posts, post => post.IsCompleted);

        // They go out in their order as the bucket refills, each to its caller.
        _time.Advance(TimeSpan.FromSeconds(5));
        var firstWindow = await Task.WhenAll(posts.Take(5)).WaitAsync(FakeDiscord.Patience);
        Assert.All(firstWindow, result => Assert.True(result.IsPosted));
        Assert.Equal(10, PostsIn(Busy));
        Assert.Equal(0, _discord.RateLimitedCount);
    }

    [Fact]
    public async Task AChannelsWaitingAnswersGoOutAsItsBucketRefillsWithoutA429()
    {
        await SpendBusyBucketAsync();
        for (var i = 0; i < 12; i++)
        {
            await AskAsync(Busy);
        }

        for (var window = 1; window <= 3; window++)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            await RecordedAsync(window < 3 ? 5 : 2);
        }

        Assert.Equal(17, PostsIn(Busy));
        Assert.Equal(0, _discord.RateLimitedCount);
    }

    [Fact]
    public async Task AnAnswerStillWaitingForItsTurnWhenTheHostStopsIsPostedAtTheNextStart()
    {
        await SpendBusyBucketAsync();
        await AskAsync(Busy);
        var waiting = $"discord:message:{1100000000000002000L + _nextMessage}";
        await Until(() => Task.FromResult(_bot.Invocations.Count(call => call.Method.Name == nameof(IChatBot.RespondAsync)) == 6));

        await _host!.DisposeAsync();
        _host = null;
        Assert.Contains(await _journal.UnfinishedAsync(CancellationToken.None), w => w.Key == waiting);
        Assert.Equal(5, PostsIn(Busy));

        _time.Advance(TimeSpan.FromSeconds(5));
        await using var restarted = await StartBotAsync(runGateway: false);
        await RecordedAsync(1);

        Assert.Equal(6, PostsIn(Busy));
        await Until(async () => (await _journal.UnfinishedAsync(CancellationToken.None)).All(w => w.Key != waiting));
    }

    /// <summary>Fake time moves only when a test moves it; a request on the wire must not time out meanwhile.</summary>
    private Task<BotHost> StartBotAsync(bool runGateway) => BotHost.StartAsync(
        _discord,
        _signer,
        _bot.Object,
        runGateway: runGateway,
        settings: new Dictionary<string, string?>
        {
            ["Discord:RestTimeout"] = "00:05:00",
            ["Discord:HandlerConcurrency"] = Workers.ToString(CultureInfo.InvariantCulture),
        },
        services: s =>
        {
            s.AddSingleton<TimeProvider>(_time);
            s.AddSingleton(_recorder.Object);
            s.AddSingleton<IWorkJournal>(_journal);
        });

    private static async Task Until(Func<Task<bool>> condition)
    {
        using var patience = new CancellationTokenSource(FakeDiscord.Patience);
        while (!await condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, patience.Token);
        }
    }

    /// <summary>Five answers in the busy channel, each recorded (so its bucket's headers were read) before the next.</summary>
    private async Task SpendBusyBucketAsync()
    {
        for (var i = 0; i < 5; i++)
        {
            await AskAsync(Busy);
            await RecordedAsync(1);
        }
    }

    /// <summary>A question from a new user each time, so no one reaches the per-user cooldown.</summary>
    private Task AskAsync(string channel)
    {
        var n = Interlocked.Increment(ref _nextMessage);
        var user = (80351110224670000L + n).ToString(CultureInfo.InvariantCulture);
        var id = (1100000000000002000L + n).ToString(CultureInfo.InvariantCulture);
        return _connection.DispatchAsync("MESSAGE_CREATE", Payloads.Message($"question {n}", guildId: null, authorId: user, channelId: channel, id: id));
    }

    private async Task RecordedAsync(int answers)
    {
        for (var i = 0; i < answers; i++)
        {
            Assert.True(await _recorded.WaitAsync(FakeDiscord.Patience), "an answer was not recorded in time");
        }
    }

    private int PostsIn(string channel) => _discord.Requests.Count(r => r.Method == "POST" && r.Path == $"channels/{channel}/messages");
}
