using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StoryBot.Core.Conversation;
using StoryBot.Core.Conversation.FollowUps;
using StoryBot.Slack.Handling;
using StoryBot.Slack.Inbound;

namespace StoryBot.Slack.Tests.Handling;

public class SlackThreadsTests
{
    private const string AnswerTs = "1700000200.000100";
    private readonly SlackThreads _threads;

    public SlackThreadsTests()
    {
        var time = new FakeTimeProvider();
        var options = Options.Create(new FollowUpOptions());
        var identity = new SlackIdentity();
        identity.SetBotUserId(FakeSlack.BotUserId);
        _threads = new SlackThreads(new AnsweredMessages(new ConversationMemory(options, time), options, time), identity);
        _threads.Posted(new ChatRequest("slack", SlackPayloads.Channel, SlackPayloads.User, "/ask who is altman"), AnswerTs);
    }

    private static SlackEvent Event(string inner) =>
        SlackEvent.FromCallback(System.Text.Json.JsonDocument.Parse(SlackPayloads.EventCallback("Ev0UNIT", inner)).RootElement)!;

    [Fact]
    public void AReplyUnderAPostedAnswerIsAFollowUpEvenWithoutItsParentsAuthor()
    {
        var reply = Event(SlackPayloads.ThreadMessage("und wann war das?", "1700000200.000200", AnswerTs, parentUserId: null));

        Assert.True(_threads.IsFollowUp(reply));
        Assert.Equal($"{SlackPayloads.Channel}/{AnswerTs}", _threads.AnswerAbove(reply));
    }

    [Fact]
    public void AReplyUnderTheBotsMessageFromBeforeARestartIsAFollowUpByItsParentsAuthor()
    {
        var reply = Event(SlackPayloads.ThreadMessage("und wann war das?", "1700000300.000200", "1700000300.000100", FakeSlack.BotUserId));

        Assert.True(_threads.IsFollowUp(reply));
    }

    [Theory]
    [InlineData("1700000300.000100", "U0OTHER001")]
    [InlineData("1700000300.000100", null)]
    [InlineData(AnswerTs, "U0OTHER001")]
    public void AReplyUnderSomeoneElsesMessageIsNot(string threadTs, string? parentUserId)
    {
        var channel = threadTs == AnswerTs ? "C0ELSEWHERE" : SlackPayloads.Channel;
        var reply = Event(SlackPayloads.ThreadMessage("und wann war das?", "1700000300.000200", threadTs, parentUserId).Replace(SlackPayloads.Channel, channel, StringComparison.Ordinal));

        Assert.False(_threads.IsFollowUp(reply));
        Assert.Null(_threads.AnswerAbove(reply));
    }

    [Fact]
    public void AMentionUnderTheAnswerIsLeftToItsAppMention()
    {
        var reply = Event(SlackPayloads.ThreadMessage($"<@{FakeSlack.BotUserId}> und wann war das?", "1700000200.000300", AnswerTs, FakeSlack.BotUserId));
        var mention = Event(SlackPayloads.AppMention($"<@{FakeSlack.BotUserId}> und wann war das?", ts: "1700000200.000300", threadTs: AnswerTs));

        Assert.False(_threads.IsFollowUp(reply));
        Assert.NotNull(_threads.AnswerAbove(mention));
    }

    [Fact]
    public void TheAnswerItselfAndMessagesOutsideThreadsAreNot()
    {
        var parent = Event(SlackPayloads.ThreadMessage("answer", AnswerTs, AnswerTs, parentUserId: null));
        var alone = Event(SlackPayloads.AppMention($"<@{FakeSlack.BotUserId}> who is altman", ts: "1700000200.000400"));

        Assert.Null(_threads.AnswerAbove(parent));
        Assert.Null(_threads.AnswerAbove(alone));
    }
}
