using StoryBot.Slack.Tests.Fakes;

namespace StoryBot.Slack.Tests.Handling;

/// <summary>The message shortcut "Ask StoryBot": the picked message's text is asked about.</summary>
public sealed class MessageShortcutTests : SlackHostTest
{
    private Task<HttpResponseMessage> UseShortcutAsync(string payload) =>
        Host.PostSignedAsync("/slack/interactivity", "payload=" + Uri.EscapeDataString(payload));

    [Fact]
    public async Task ThePickedMessagesTextIsAskedAndAnsweredInItsThread()
    {
        using var response = await UseShortcutAsync(SlackPayloads.MessageShortcut("Who pays for Stargate &amp; how much?", "1581106229.000400", Slack.ResponseUrl("s1")));

        var request = await Host.Bot.NextRequestAsync();
        var post = await Slack.NextCallAsync("chat.postMessage");
        var recorded = await Host.Recorder.NextAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/ask Who pays for Stargate & how much?", request.Text);
        Assert.Equal(SlackPayloads.User, request.UserId);
        Assert.Equal(SlackPayloads.Channel, post.Str("channel"));
        Assert.Equal("1581106229.000400", post.Str("thread_ts"));
        Assert.Equal(post.IssuedTs, recorded.Message.MessageId);
    }

    [Fact]
    public async Task APickedMessageInAThreadIsAnsweredInThatThread()
    {
        using var response = await UseShortcutAsync(SlackPayloads.MessageShortcut("who is altman", "1581106229.000500", Slack.ResponseUrl("s2"), threadTs: "1581106200.000100"));

        var post = await Slack.NextCallAsync("chat.postMessage");

        Assert.Equal("1581106200.000100", post.Str("thread_ts"));
    }

    [Fact]
    public async Task AMessageThatReadsLikeACommandIsAskedAboutNeverRun()
    {
        using var response = await UseShortcutAsync(SlackPayloads.MessageShortcut("/sources disable stargate-dispute misquoted", "1581106229.000600", Slack.ResponseUrl("s3"), user: SlackTestHost.ModeratorId));

        var request = await Host.Bot.NextRequestAsync();

        Assert.Equal("/ask /sources disable stargate-dispute misquoted", request.Text);
    }

    [Fact]
    public async Task WhereTheBotIsNotInTheChannelTheAnswerGoesThroughTheResponseUrl()
    {
        Slack.Script("chat.postMessage", FakeResponse.Error("not_in_channel"));

        using var response = await UseShortcutAsync(SlackPayloads.MessageShortcut("who is musk", "1581106229.000800", Slack.ResponseUrl("s5")));

        var hook = await Slack.NextCallAsync("response_url");

        Assert.Equal("in_channel", hook.Str("response_type"));
    }

    [Fact]
    public async Task AnotherAppsShortcutIsAcknowledgedAndIgnored()
    {
        using var response = await UseShortcutAsync(SlackPayloads.MessageShortcut("who is musk", "1581106229.000900", Slack.ResponseUrl("s6"), callbackId: "somebody_elses"));
        using var sentinel = await UseShortcutAsync(SlackPayloads.MessageShortcut("who is altman", "1581106229.001000", Slack.ResponseUrl("s7")));

        var request = await Host.Bot.NextRequestAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/ask who is altman", request.Text);
        Assert.Equal(1, Host.Bot.Calls);
    }
}
