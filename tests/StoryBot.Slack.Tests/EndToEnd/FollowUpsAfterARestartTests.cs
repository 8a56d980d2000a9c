using Microsoft.Extensions.DependencyInjection;
using StoryBot.Slack.Handling;
using StoryBot.Slack.Tests.Fakes;

namespace StoryBot.Slack.Tests.EndToEnd;

/// <summary>
/// A thread under an answer posted before a restart, with durable state (SQLite): the new process
/// keeps nothing of the answer in memory, and still answers an unmentioned message in its thread,
/// there, because the message names its parent's author (<c>parent_user_id</c>).
/// </summary>
public sealed class FollowUpsAfterARestartTests : StatefulSlackHostTest
{
    private const string OtherUser = "U0OTHER001";

    [Fact]
    public async Task AnUnmentionedReplyInTheThreadOfAnAnswerFromBeforeTheRestartIsAnsweredInThatThread()
    {
        var answerTs = await AnswerAsync("restart");
        await RestartAsync();
        await BotUserKnownAsync();
        using (var response = await Host.PostSignedAsync(
            "/slack/events",
            SlackPayloads.EventCallback("Ev0RESTART1", SlackPayloads.ThreadMessage("who is sam altman?", "1700000500.000200", answerTs, FakeSlack.BotUserId, user: OtherUser)),
            "application/json"))
        {
            response.EnsureSuccessStatusCode();
        }

        var post = await Slack.NextCallAsync("chat.postMessage");
        var recorded = await Host.Recorder.NextAsync();

        Assert.Equal(answerTs, post.Str("thread_ts"));
        Assert.Equal(answerTs, recorded.Message.ThreadId);
        Assert.Equal($"{SlackPayloads.Channel}/{answerTs}", recorded.Request.ContinuesFrom);
    }

    [Fact]
    public async Task AReplyInTheThreadOfAnAnswerFromBeforeTheRestartThatArrivesBeforeTheBotKnowsItselfIsStillAnswered()
    {
        var answerTs = await AnswerAsync("restart-early");
        var slackSaysWhoTheBotIs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Slack.AuthTestGate = slackSaysWhoTheBotIs.Task;
        await RestartAsync();
        await Slack.NextCallAsync("auth.test");
        await Slack.NextCallAsync("auth.test");
        using (var response = await Host.PostSignedAsync(
            "/slack/events",
            SlackPayloads.EventCallback("Ev0RESTART2", SlackPayloads.ThreadMessage("who is sam altman?", "1700000600.000200", answerTs, FakeSlack.BotUserId, user: OtherUser)),
            "application/json"))
        {
            response.EnsureSuccessStatusCode();
        }

        Assert.Null(Host.App.Services.GetRequiredService<SlackIdentity>().BotUserId);
        slackSaysWhoTheBotIs.SetResult();
        var post = await Slack.NextCallAsync("chat.postMessage");

        Assert.Equal(answerTs, post.Str("thread_ts"));
    }

    /// <summary>Answers a slash command in the channel and waits until the answer is recorded; returns its ts.</summary>
    private async Task<string> AnswerAsync(string responseId)
    {
        using (var response = await Host.PostSignedAsync("/slack/commands", SlackPayloads.SlashCommandForm("/ask", "Wie viel Geld hat SoftBank laut Musk?", Slack.ResponseUrl(responseId))))
        {
            response.EnsureSuccessStatusCode();
        }

        var answerTs = (await Slack.NextCallAsync("chat.postMessage")).IssuedTs!;
        await Host.Recorder.NextAsync();
        return answerTs;
    }

    /// <summary>Waits for the restarted host's auth.test: until then it cannot tell the bot's own messages.</summary>
    private async Task BotUserKnownAsync()
    {
        var identity = Host.App.Services.GetRequiredService<SlackIdentity>();
        using var patience = new CancellationTokenSource(Wait.Generous);
        while (identity.BotUserId is null)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System, patience.Token);
        }
    }
}
