using StoryBot.Core.Conversation;
using StoryBot.Slack.Tests.Fakes;

namespace StoryBot.Slack.Tests.EndToEnd;

/// <summary>
/// Two messages of one thread sent together, over HTTP events and over Socket Mode alike, with the
/// first slow to answer: the answers are posted in the order the messages were written, and a
/// message of another conversation is answered meanwhile.
/// </summary>
public abstract class ConversationOrderTests : SlackEventsTest
{
    private const string Thread = "1700000300.000100";
    private const string First = "who is sam altman?";
    private const string Second = "and what did he claim?";
    private const string Elsewhere = "who is elon musk?";

    private readonly TaskCompletionSource _firstAsked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstReleased = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private protected override ScriptedChatBot CreateBot() => new() { GateOf = Held };

    [Fact]
    public async Task TwoMessagesOfOneThreadSentTogetherArePostedInTheOrderTheyWereWritten()
    {
        await SendEventAsync("Ev0ORDER1", SlackPayloads.AppMention($"<@{FakeSlack.BotUserId}> {First}", ts: "1700000300.000200", threadTs: Thread));
        await _firstAsked.Task.WaitAsync(Wait.Generous);
        await SendEventAsync("Ev0ORDER2", SlackPayloads.AppMention($"<@{FakeSlack.BotUserId}> {Second}", ts: "1700000300.000300", threadTs: Thread));

        // Another conversation, written after both, is answered while the first question is held.
        await SendEventAsync("Ev0ORDER3", SlackPayloads.DirectMessage(Elsewhere, ts: "1700000300.000400", user: "U0OTHER001"));
        var elsewhere = await Host.Recorder.NextAsync();
        _firstReleased.TrySetResult();
        var answered = new[] { await Host.Recorder.NextAsync(), await Host.Recorder.NextAsync() };

        Assert.Equal(Elsewhere, elsewhere.Request.Text);
        Assert.Equal([First, Second], answered.Select(a => a.Request.Text));
        // The fake keeps its calls unordered: ordered by when it took them.
        var posted = Slack.AllCalls.Where(c => c.Method == "chat.postMessage" && c.Str("thread_ts") == Thread).OrderBy(c => c.At).Select(c => PostedBlocks.AllText(c.Body)).ToList();
        Assert.Equal(2, posted.Count);
        Assert.Contains(First, posted[0], StringComparison.Ordinal);
        Assert.Contains(Second, posted[1], StringComparison.Ordinal);
    }

    private Task? Held(ChatRequest request)
    {
        if (request.Text != First)
        {
            return null;
        }

        _firstAsked.TrySetResult();
        return _firstReleased.Task;
    }

    public sealed class OverHttp : ConversationOrderTests;

    public sealed class OverSocketMode : ConversationOrderTests
    {
        protected override bool SocketMode => true;
    }
}
