using StoryBot.Slack.Tests.Fakes;

namespace StoryBot.Slack.Tests.EndToEnd;

/// <summary>
/// Threads on the real chat bot and knowledge pack, over HTTP events and over Socket Mode alike: a
/// thread under the bot's answer is a conversation that goes on from it, answered without a mention;
/// in other threads only mentions are answered.
/// </summary>
public abstract class ThreadTests : SlackEventsTest
{
    private const string OtherUser = "U0OTHER001";

    protected override bool RealChatBot => true;

    private protected override void Configure(Dictionary<string, string?> settings) => settings["Slack:UserLocaleBudget"] = "00:00:01";

    [Fact]
    public async Task AnUnmentionedFollowUpInTheThreadOfTheBotsAnswerIsAnsweredThereWithTheAnswersContext()
    {
        var (answerTs, cited) = await AskBySlashCommandAsync("Wie viel Geld hat SoftBank laut Musk?");

        await SendEventAsync("Ev0THREAD1", SlackPayloads.ThreadMessage("und wann war das?", "1700000100.000200", answerTs, FakeSlack.BotUserId, user: OtherUser));
        var post = await Slack.NextCallAsync("chat.postMessage");
        var recorded = await Host.Recorder.NextAsync();

        Assert.Equal(answerTs, post.Str("thread_ts"));
        Assert.Equal(answerTs, recorded.Request.ConversationId);
        Assert.Contains(cited, recorded.Reply.Citations.Select(c => c.Id));
    }

    [Fact]
    public async Task TheSameWordsInAThreadOfTheirOwnAreNotReadAgainstTheAnswer()
    {
        var (_, cited) = await AskBySlashCommandAsync("Wie viel Geld hat SoftBank laut Musk?");

        await SendEventAsync("Ev0ALONE1", SlackPayloads.AppMention($"<@{FakeSlack.BotUserId}> und wann war das?", ts: "1700000110.000100", user: OtherUser));
        var post = await Slack.NextCallAsync("chat.postMessage");

        Assert.DoesNotContain(cited, PostedBlocks.AllText(post.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnmentionedMessageInSomeoneElsesThreadIsIgnoredAndAMentionThereIsAnswered()
    {
        const string parent = "1700000120.000100";
        await SendEventAsync("Ev0OTHER1", SlackPayloads.ThreadMessage("who is sam altman?", "1700000120.000200", parent, OtherUser));
        await SendEventAsync("Ev0OTHER2", SlackPayloads.AppMention($"<@{FakeSlack.BotUserId}> who is elon musk?", ts: "1700000120.000300", threadTs: parent));

        var post = await Slack.NextCallAsync("chat.postMessage");
        var recorded = await Host.Recorder.NextAsync();

        Assert.Equal(parent, post.Str("thread_ts"));
        Assert.Equal("who is elon musk?", recorded.Request.Text);
        Assert.Equal(1, Slack.Count("chat.postMessage"));
    }

    [Fact]
    public async Task AMentionInTheThreadOfTheBotsAnswerIsAnsweredOnceThoughSlackSendsItTwice()
    {
        var (answerTs, _) = await AskBySlashCommandAsync("who is sam altman?");
        var text = $"<@{FakeSlack.BotUserId}> who is elon musk?";

        // With message.channels subscribed, a mention arrives as a message and as app_mention.
        await SendEventAsync("Ev0TWICE1", SlackPayloads.ThreadMessage(text, "1700000130.000200", answerTs, FakeSlack.BotUserId));
        await SendEventAsync("Ev0TWICE2", SlackPayloads.AppMention(text, ts: "1700000130.000200", threadTs: answerTs));
        await SendEventAsync("Ev0TWICE3", SlackPayloads.ThreadMessage("who is satya nadella?", "1700000130.000300", answerTs, FakeSlack.BotUserId));

        var answered = new[] { await Host.Recorder.NextAsync(), await Host.Recorder.NextAsync() };

        Assert.Equal(["who is elon musk?", "who is satya nadella?"], answered.Select(a => a.Request.Text).Order(StringComparer.Ordinal));
        Assert.All(answered, a => Assert.Equal(answerTs, a.Message.ThreadId));
        Assert.Equal(3, Slack.Count("chat.postMessage"));
    }

    /// <summary>Asks in the channel by slash command, whose answer is posted on its own; returns its ts once recorded, and its first citation.</summary>
    private async Task<(string Ts, string Cited)> AskBySlashCommandAsync(string question)
    {
        using var response = await Host.PostSignedAsync("/slack/commands", SlackPayloads.SlashCommandForm("/ask", question, Slack.ResponseUrl("thread")));
        var post = await Slack.NextCallAsync("chat.postMessage");
        var recorded = await Host.Recorder.NextAsync();
        Assert.Null(post.Str("thread_ts"));
        return (post.IssuedTs!, recorded.Reply.Citations[0].Id);
    }

    public sealed class OverHttp : ThreadTests;

    public sealed class OverSocketMode : ThreadTests
    {
        protected override bool SocketMode => true;
    }
}
