using System.Net;
using StoryBot.Slack.Tests.Fakes;

namespace StoryBot.Slack.Tests.Http;

/// <summary>A chat bot slower than Slack's 3 seconds: the HTTP endpoints still acknowledge in time.</summary>
public sealed class SlowAnswersOverHttpTests : SlackHostTest
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async Task DisposeAsync()
    {
        _release.TrySetResult();
        await base.DisposeAsync();
    }

    private protected override void Configure(Dictionary<string, string?> settings) =>
        settings["Slack:AckBudget"] = "00:00:00.300";

    private protected override ScriptedChatBot CreateBot() => new() { Gate = _release.Task };

    [Fact]
    public async Task SlashCommandIsAcknowledgedEmptyWhileTheBotIsStillBusyAndAnsweredAfterwards()
    {
        // The bot cannot answer before the gate opens, so both responses can only be the acknowledgements.
        using var help = await Host.PostSignedAsync("/slack/commands", SlackPayloads.SlashCommandForm("/help", string.Empty, Slack.ResponseUrl("slow-help")));
        using var answer = await Host.PostSignedAsync("/slack/commands", SlackPayloads.SlashCommandForm("/who-is", "altman", Slack.ResponseUrl("slow-answer")));
        var helpAck = await help.Content.ReadAsStringAsync();
        var answerAck = await answer.Content.ReadAsStringAsync();

        _release.SetResult();
        var late = await Slack.NextCallAsync("response_url");
        var post = await Slack.NextCallAsync("chat.postMessage");

        Assert.Equal(HttpStatusCode.OK, help.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(string.Empty, helpAck);
        Assert.Equal(string.Empty, answerAck);
        Assert.Equal("/hooks/slow-help", late.Path);
        Assert.Equal("ephemeral", late.Str("response_type"));
        Assert.Equal(SlackPayloads.Channel, post.Str("channel"));
    }

    [Fact]
    public async Task ASlashCommandStillBeingAnsweredWhenTheHostStopsIsAnsweredBeforeTheHostHasStopped()
    {
        using var help = await Host.PostSignedAsync("/slack/commands", SlackPayloads.SlashCommandForm("/help", string.Empty, Slack.ResponseUrl("stopping-help")));
        await Host.Bot.NextRequestAsync();

        var stopping = Host.App.StopAsync();
        _release.SetResult();
        await stopping;

        Assert.Equal(HttpStatusCode.OK, help.StatusCode);
        Assert.Equal("/hooks/stopping-help", (await Slack.NextCallAsync("response_url")).Path);
    }

    [Fact]
    public async Task EventIsAcknowledgedBeforeItIsAnswered()
    {
        using var response = await Host.PostSignedAsync(
            "/slack/events", SlackPayloads.EventCallback("Ev0SLOW", SlackPayloads.DirectMessage("slow question")), "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("slow question", (await Host.Bot.NextRequestAsync()).Text);
        Assert.Equal(0, Slack.Count("chat.postMessage"));
        _release.SetResult();
        Assert.Equal("D024BE91L", (await Slack.NextCallAsync("chat.postMessage")).Str("channel"));
    }
}
