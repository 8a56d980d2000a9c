using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Testing.Telemetry;

namespace StoryBot.Core.Tests.Conversation;

/// <summary>
/// Messages taken in as an adapter takes them (a place in their conversation as they arrive, the
/// answer through the pipeline, the post handed on to the platform), with answers and posts the
/// test finishes when it chooses.
/// </summary>
public sealed class ConversationOrderTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new();
    private readonly TestMeterFactory _meters = new();
    private readonly ConversationOrder _order;

    // Two workers: one answering a slow question, one for everything else.
    private readonly TestLane _lane = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Reply>> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _posts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _asked = new();
    private readonly ConcurrentQueue<string> _posted = new();
    private readonly Channel<Task> _posting = Channel.CreateUnbounded<Task>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _askedSignals = new(StringComparer.Ordinal);
    private readonly ConversationPipeline _pipeline;
    private volatile bool _closing;

    public ConversationOrderTests()
    {
        _order = new ConversationOrder(_time);
        var bot = new Mock<IChatBot>();
        bot.Setup(b => b.RespondAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()))
            .Returns((ChatRequest request, CancellationToken _) =>
            {
                _asked.Enqueue(request.Text);
                Asked(request.Text).TrySetResult();
                return Answer(request.Text).Task;
            });
        _pipeline = new ConversationPipeline(
            bot.Object,
            new UserCooldown(Options.Create(new CooldownOptions { MaxQuestions = 100, Window = TimeSpan.FromSeconds(30) }), _time),
            [],
            _meters.Telemetry(),
            _time,
            NullLogger<ConversationPipeline>.Instance);
    }

    public Task InitializeAsync() => _lane.StartAsync(CancellationToken.None);

    /// <summary>Lets every answer and post still held go, so the lane drains; what is still running after that is abandoned.</summary>
    public async Task DisposeAsync()
    {
        _closing = true;
        foreach (var (question, answer) in _answers)
        {
            answer.TrySetResult(Reply(question));
        }

        foreach (var post in _posts.Values)
        {
            post.TrySetResult();
        }

        using var patience = new CancellationTokenSource(Patience);
        await _lane.StopAsync(patience.Token);
    }

    public void Dispose()
    {
        _lane.Dispose();
        _meters.Dispose();
    }

    [Fact]
    public async Task TwoMessagesOfOneConversationSentTogetherArePostedInTheOrderTheyWereWritten()
    {
        var first = TakeIn(Message("who is Sam Altman?"));
        var second = TakeIn(Message("and what did he claim?"));
        await Asked("who is Sam Altman?").Task.WaitAsync(Patience);

        // The second is not even asked while the first has no answer: it is read against that turn.
        Assert.Equal(["who is Sam Altman?"], _asked);

        Answer("and what did he claim?").SetResult(Reply("and what did he claim?"));
        Answer("who is Sam Altman?").SetResult(Reply("who is Sam Altman?"));
        await Task.WhenAll(first, second).WaitAsync(Patience);
        Assert.Equal(["who is Sam Altman?", "and what did he claim?"], _asked);

        // The second's answer is ready, the first's post is slow: the second still goes out after it.
        Assert.Empty(_posted);
        Post("and what did he claim?").SetResult();
        Post("who is Sam Altman?").SetResult();
        await PostsAsync(2);

        Assert.Equal(["who is Sam Altman?", "and what did he claim?"], _posted);
    }

    [Fact]
    public async Task AnotherConversationIsAnsweredAndPostedWhileOneIsSlow()
    {
        var slow = TakeIn(Message("who is Sam Altman?"));
        _ = TakeIn(Message("and what did he claim?"));

        var other = TakeIn(Message("who is Elon Musk?") with { UserId = "U2", ConversationId = "U2" });
        await AnswerAndPostAsync(other, "who is Elon Musk?");

        Assert.Equal(["who is Elon Musk?"], _posted);
        Assert.False(slow.IsCompleted);
    }

    [Fact]
    public async Task MessagesWaitingForAnEarlierAnswerHoldNoWorkerAnotherConversationNeeds()
    {
        _ = TakeIn(Message("who is Sam Altman?"));
        _ = TakeIn(Message("and what did he claim?"));
        _ = TakeIn(Message("and when?"));

        var other = TakeIn(Message("who is Elon Musk?") with { UserId = "U2", ConversationId = "U2" });
        await AnswerAndPostAsync(other, "who is Elon Musk?");

        Assert.Equal(["who is Elon Musk?"], _posted);
    }

    [Fact]
    public async Task AMessageInNoConversationNeverWaits()
    {
        _ = TakeIn(Message("who is Sam Altman?") with { ConversationId = null });
        var alone = TakeIn(Message("who is Elon Musk?") with { ConversationId = null });

        await AnswerAndPostAsync(alone, "who is Elon Musk?");

        Assert.Equal(["who is Elon Musk?"], _posted);
    }

    [Fact]
    public async Task AMessageDroppedBeforeItsAnswerDoesNotHoldUpTheNext()
    {
        var dropped = _order.Enter(Message("who is Sam Altman?"));
        var next = TakeIn(Message("and what did he claim?"));

        dropped.Dispose();
        await AnswerAndPostAsync(next, "and what did he claim?");

        Assert.Equal(["and what did he claim?"], _posted);
    }

    [Fact]
    public async Task AMessageNeverDoneWithHoldsTheNextAtMostTheLongestWait()
    {
        // A path that forgets to say its message is done with must cost one late answer, not the conversation.
        _ = _order.Enter(Message("who is Sam Altman?"));
        var next = TakeIn(Message("and what did he claim?"));
        Answer("and what did he claim?").SetResult(Reply("and what did he claim?"));
        Post("and what did he claim?").SetResult();

        _time.Advance(ConversationOrder.MaxWait - TimeSpan.FromSeconds(1));
        Assert.Empty(_asked);

        _time.Advance(TimeSpan.FromSeconds(1));
        await next.WaitAsync(Patience);
        await PostsAsync(1);
        Assert.Equal(["and what did he claim?"], _posted);
    }

    [Fact]
    public async Task APostThatFailsLetsTheNextOneGoOut()
    {
        var first = TakeIn(Message("who is Sam Altman?"));
        var second = TakeIn(Message("and what did he claim?"));
        Answer("who is Sam Altman?").SetResult(Reply("who is Sam Altman?"));
        Answer("and what did he claim?").SetResult(Reply("and what did he claim?"));
        await Task.WhenAll(first, second).WaitAsync(Patience);

        Post("and what did he claim?").SetResult();
        Post("who is Sam Altman?").SetException(new HttpRequestException("503"));
        await PostsAsync(2);

        Assert.Equal(["and what did he claim?"], _posted);
    }

    [Fact]
    public async Task AConversationIsForgottenOnceItsLastMessageIsPosted()
    {
        var first = TakeIn(Message("who is Sam Altman?"));
        var second = TakeIn(Message("and what did he claim?"));
        Assert.Equal(1, _order.Busy);

        Answer("who is Sam Altman?").SetResult(Reply("who is Sam Altman?"));
        Answer("and what did he claim?").SetResult(Reply("and what did he claim?"));
        Post("who is Sam Altman?").SetResult();
        Post("and what did he claim?").SetResult();
        await Task.WhenAll(first, second).WaitAsync(Patience);
        await PostsAsync(2);

        Assert.Equal(0, _order.Busy);
    }

    /// <summary>
    /// As an adapter does: the place as the message arrives, the answer handed to the work lane in
    /// its turn, then the post handed to the platform. Completes once the answer's work has run.
    /// </summary>
    private Task TakeIn(ChatRequest request)
    {
        var place = _order.Enter(request);
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        place.EnqueueInOrder(_lane, "message", async _ =>
        {
            try
            {
                await AnswerAsync(request, place);
                answered.TrySetResult();
            }
            catch (Exception exception)
            {
                answered.TrySetException(exception);
            }
        });
        return answered.Task;
    }

    private async Task AnswerAsync(ChatRequest request, ConversationPlace place)
    {
        using (place)
        {
            if (await _pipeline.AskAsync(request, mustAnswer: false, place, CancellationToken.None) is not { } reply)
            {
                return;
            }

            place.PostInOrder(post => _posting.Writer.TryWrite(post(CancellationToken.None)), async _ =>
            {
                await Post(request.Text).Task;
                _posted.Enqueue(reply.Question);
            });
        }
    }

    /// <summary>Gives the answer to <paramref name="question"/> and lets its post go; returns once it is posted.</summary>
    private async Task AnswerAndPostAsync(Task taken, string question)
    {
        Answer(question).SetResult(Reply(question));
        Post(question).SetResult();
        await taken.WaitAsync(Patience);
        await PostsAsync(1);
    }

    /// <summary>Waits until <paramref name="count"/> posts have been handed on and have run, whether they posted or failed.</summary>
    private async Task PostsAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var post = await _posting.Reader.ReadAsync().AsTask().WaitAsync(Patience);
            await Task.WhenAny(post).WaitAsync(Patience);
        }
    }

    private TaskCompletionSource Asked(string question) =>
        _askedSignals.GetOrAdd(question, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>The answer to <paramref name="question"/>, held until the test gives it (or the test is over).</summary>
    private TaskCompletionSource<Reply> Answer(string question) =>
        _answers.GetOrAdd(question, _ =>
        {
            var answer = new TaskCompletionSource<Reply>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_closing)
            {
                answer.TrySetResult(Reply(question));
            }

            return answer;
        });

    /// <summary>The post of the answer to <paramref name="question"/>, held until the test lets it go (or the test is over).</summary>
    private TaskCompletionSource Post(string question) =>
        _posts.GetOrAdd(question, _ =>
        {
            var post = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_closing)
            {
                post.TrySetResult();
            }

            return post;
        });

    private static Reply Reply(string question) => ReplyComposer.Message(question, Language.English, ReplyKind.Answer, "An answer to: " + question);

    private sealed class TestLane() : WorkLane("test", 2, NullLogger.Instance);

    private static ChatRequest Message(string text) =>
        new("discord", "C1", "U1", text) { ChannelKind = ChannelKind.Channel, ConversationId = "U1" };
}
