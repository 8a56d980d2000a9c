using Microsoft.Extensions.Logging;
using StoryBot.Slack.Tests.Fakes;

namespace StoryBot.Slack.Tests.SocketMode;

/// <summary>The adapter over Socket Mode against a fake Slack speaking the real protocol on loopback.</summary>
public sealed class SocketModeTests : SlackHostTest
{
    private FakeSocket _first = null!;
    private FakeSocket _second = null!;

    protected override bool SocketMode => true;

    protected override bool HttpMode => false;

    private protected override async Task StartedAsync()
    {
        _first = await Slack.NextSocketAsync();
        _second = await Slack.NextSocketAsync();
    }

    [Fact]
    public void KeepsTwoConnectionsOpenOpenedWithTheAppToken()
    {
        Assert.Equal(2, Slack.SocketsOpened);
        Assert.All(
            Slack.AllCalls.Where(call => call.Method == "apps.connections.open"),
            call => Assert.Equal("Bearer " + SlackTestHost.AppToken, call.Authorization));
    }

    [Fact]
    public async Task SlashCommandIsAcknowledgedAndAnsweredInTheChannelWithAVerbatimQuote()
    {
        await _first.SendAsync(SlackPayloads.SlashCommandEnvelope("dbdd0ef3-1543-4f94-bfb4-133d0e6c1545", "/who-is", "altman", Slack.ResponseUrl("c1")));

        var ack = await _first.AckOfAsync("dbdd0ef3-1543-4f94-bfb4-133d0e6c1545");
        var post = await Slack.NextCallAsync("chat.postMessage");
        var request = await Host.Bot.NextRequestAsync();
        var recorded = await Host.Recorder.NextAsync();

        Assert.False(ack.TryGetProperty("payload", out _));
        Assert.Equal("/who-is altman", request.Text);
        Assert.Equal("slack", request.Platform);
        Assert.Equal(SlackPayloads.Channel, post.Str("channel"));
        var quote = Assert.Single(PostedBlocks.Quotes(post.Body));
        Assert.Equal(TestReplies.MuskQuote, quote);
        Assert.Contains(quote, SourceText.Story, StringComparison.Ordinal);
        Assert.Contains("storybot_report", PostedBlocks.AllText(post.Body), StringComparison.Ordinal);
        Assert.Equal(SlackPayloads.Channel, recorded.Message.ChannelId);
        Assert.Equal("slack", recorded.Message.Platform);
        Assert.Matches(@"^\d+\.\d{6}$", recorded.Message.MessageId);
    }

    [Fact]
    public async Task PrivateReplyRidesInTheAckAsAnEphemeralMessage()
    {
        await _second.SendAsync(SlackPayloads.SlashCommandEnvelope("env-help", "/help", string.Empty, Slack.ResponseUrl("c2")));

        var ack = await _second.AckOfAsync("env-help");

        var payload = ack.GetProperty("payload");
        Assert.Equal("ephemeral", payload.GetProperty("response_type").GetString());
        Assert.Contains("/who-is", PostedBlocks.AllText(payload), StringComparison.Ordinal);
        Assert.Equal(0, Slack.Count("chat.postMessage"));
    }

    [Fact]
    public async Task ModeratorRightsComeFromTheRequestingUser()
    {
        await _first.SendAsync(SlackPayloads.SlashCommandEnvelope("env-mod", "/moderate", "list", Slack.ResponseUrl("m1"), user: SlackTestHost.ModeratorId));
        var moderator = await Host.Bot.NextRequestAsync();
        await _first.SendAsync(SlackPayloads.SlashCommandEnvelope("env-user", "/moderate", "list", Slack.ResponseUrl("m2")));
        var user = await Host.Bot.NextRequestAsync();

        Assert.True(moderator.IsModerator);
        Assert.Equal("/moderate list", moderator.Text);
        Assert.False(user.IsModerator);
    }

    [Fact]
    public async Task MentionIsAnsweredInItsThreadWithoutTheMention()
    {
        var mention = SlackPayloads.AppMention($"<@{FakeSlack.BotUserId}> who is altman?", ts: "1515449522.000016");
        await _first.SendAsync(SlackPayloads.EventsEnvelope("env-mention", "Ev0MENTION", mention));

        var ack = await _first.AckOfAsync("env-mention");
        var request = await Host.Bot.NextRequestAsync();
        var post = await Slack.NextCallAsync("chat.postMessage");

        Assert.False(ack.TryGetProperty("payload", out _));
        Assert.Equal("who is altman?", request.Text);
        Assert.Equal("1515449522.000016", post.Str("thread_ts"));
        Assert.Equal(SlackPayloads.Channel, post.Str("channel"));
    }

    [Fact]
    public async Task BareMentionGetsHelpOnlyTheAskerSeesInTheThread()
    {
        var mention = SlackPayloads.AppMention($"<@{FakeSlack.BotUserId}>", ts: "1515449522.000077");
        await _first.SendAsync(SlackPayloads.EventsEnvelope("env-bare", "Ev0BARE", mention));

        var request = await Host.Bot.NextRequestAsync();
        var ephemeral = await Slack.NextCallAsync("chat.postEphemeral");

        Assert.Equal("/help", request.Text);
        Assert.Equal(SlackPayloads.User, ephemeral.Str("user"));
        Assert.Equal(SlackPayloads.Channel, ephemeral.Str("channel"));
        Assert.Equal("1515449522.000077", ephemeral.Str("thread_ts"));
        Assert.Equal(0, Slack.Count("chat.postMessage"));
    }

    [Fact]
    public async Task MentionInsideAThreadIsAnsweredInThatThread()
    {
        var mention = SlackPayloads.AppMention($"<@{FakeSlack.BotUserId}> and musk?", ts: "1515449600.000100", threadTs: "1515449000.000001");
        await _first.SendAsync(SlackPayloads.EventsEnvelope("env-thread", "Ev0THREAD", mention));

        var post = await Slack.NextCallAsync("chat.postMessage");

        Assert.Equal("1515449000.000001", post.Str("thread_ts"));
    }

    [Fact]
    public async Task DirectMessageIsAnsweredInItsThread()
    {
        await _second.SendAsync(SlackPayloads.EventsEnvelope("env-dm", "Ev0DM", SlackPayloads.DirectMessage("wer ist altman?", ts: "1355517523.000005")));

        var request = await Host.Bot.NextRequestAsync();
        var post = await Slack.NextCallAsync("chat.postMessage");
        var recorded = await Host.Recorder.NextAsync();

        Assert.Equal("wer ist altman?", request.Text);
        Assert.Equal("D024BE91L", post.Str("channel"));
        Assert.Equal("1355517523.000005", post.Str("thread_ts"));
        Assert.Equal("1355517523.000005", recorded.Message.ThreadId);
    }

    [Fact]
    public async Task MessagesFromBotsIncludingItselfAreIgnored()
    {
        await _first.SendAsync(SlackPayloads.EventsEnvelope("env-bot", "Ev0BOT", SlackPayloads.BotDirectMessage("who is altman?")));
        await _first.SendAsync(SlackPayloads.EventsEnvelope("env-own", "Ev0OWN", SlackPayloads.OwnDirectMessage("who is altman?")));
        await _first.AckOfAsync("env-bot");
        await _first.AckOfAsync("env-own");
        await _first.SendAsync(SlackPayloads.EventsEnvelope("env-human", "Ev0HUMAN", SlackPayloads.DirectMessage("the human question")));

        var request = await Host.Bot.NextRequestAsync();
        await Slack.NextCallAsync("chat.postMessage");

        Assert.Equal("the human question", request.Text);
        Assert.Equal(1, Host.Bot.Calls);
    }

    [Fact]
    public async Task RedeliveredEnvelopeAndRetriedEventAreAnsweredOnce()
    {
        var dm = SlackPayloads.DirectMessage("only once please");
        await _first.SendAsync(SlackPayloads.EventsEnvelope("env-dup", "Ev0DUP", dm));
        // The same envelope again on the other connection, then a retry of the event in a new envelope.
        await _second.SendAsync(SlackPayloads.EventsEnvelope("env-dup", "Ev0DUP", dm));
        await _first.SendAsync(SlackPayloads.EventsEnvelope("env-dup-retry", "Ev0DUP", dm));
        await _first.AckOfAsync("env-dup");
        await _second.AckOfAsync("env-dup");
        await _first.AckOfAsync("env-dup-retry");
        await _first.SendAsync(SlackPayloads.EventsEnvelope("env-next", "Ev0NEXT", SlackPayloads.DirectMessage("sentinel")));

        var firstRequest = await Host.Bot.NextRequestAsync();
        var secondRequest = await Host.Bot.NextRequestAsync();

        Assert.Equal("only once please", firstRequest.Text);
        Assert.Equal("sentinel", secondRequest.Text);
        await Slack.NextCallAsync("chat.postMessage");
        await Slack.NextCallAsync("chat.postMessage");
        Assert.Equal(2, Host.Bot.Calls);
    }

    [Fact]
    public async Task InjectionInAQuestionArrivesEscaped()
    {
        var mention = SlackPayloads.AppMention($"<@{FakeSlack.BotUserId}> &lt;!channel&gt; <!here> who pays?");
        await _first.SendAsync(SlackPayloads.EventsEnvelope("env-inject", "Ev0INJECT", mention));

        var request = await Host.Bot.NextRequestAsync();
        var post = await Slack.NextCallAsync("chat.postMessage");

        Assert.Equal("<!channel> <!here> who pays?", request.Text);
        var text = PostedBlocks.AllText(post.Body);
        Assert.Contains("&lt;!channel&gt; &lt;!here&gt; who pays?", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<!", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportButtonOpensTheFormAndItsSubmissionIsTheReport()
    {
        await _first.SendAsync(SlackPayloads.InteractiveEnvelope("env-report", SlackPayloads.BlockActions("1548426417.840180", Slack.ResponseUrl("r1"))));
        var open = await Slack.NextCallAsync("views.open");
        var metadata = open.Body.GetProperty("view").GetProperty("private_metadata").GetString();
        await _first.SendAsync(SlackPayloads.InteractiveEnvelope("env-submit", SlackPayloads.ViewSubmission(metadata, "wrong figure")));

        var request = await Host.Bot.NextRequestAsync();
        var notice = await Slack.NextCallAsync("chat.postEphemeral");

        Assert.Equal("/report wrong figure", request.Text);
        Assert.Equal("1548426417.840180", request.ReferencedMessageId);
        Assert.Equal(SlackPayloads.Channel, request.ChannelId);
        Assert.Equal(SlackPayloads.User, notice.Str("user"));
    }

    [Fact]
    public async Task MessageShortcutAsksAboutThePickedMessage()
    {
        var payload = SlackPayloads.MessageShortcut("who is altman?", "1581106229.000400", Slack.ResponseUrl("ms1"));
        await _first.SendAsync(SlackPayloads.InteractiveEnvelope("env-shortcut", payload));

        var request = await Host.Bot.NextRequestAsync();
        var post = await Slack.NextCallAsync("chat.postMessage");

        Assert.Equal("/ask who is altman?", request.Text);
        Assert.Equal("1581106229.000400", post.Str("thread_ts"));
    }

    [Fact]
    public async Task RefreshRequestedOpensAReplacementBeforeClosingWithoutLosingAnEnvelope()
    {
        // The replacement says hello only when the test lets it, so the order is observable.
        Slack.AutoHello = false;
        await _first.SendDisconnectAsync("refresh_requested");
        var replacement = await Slack.NextSocketAsync();

        // Until the replacement is up, the old connection stays open and is still served.
        await _first.SendAsync(SlackPayloads.EventsEnvelope("env-during", "Ev0DURING", SlackPayloads.DirectMessage("during refresh")));
        await _first.AckOfAsync("env-during");
        Assert.Equal("during refresh", (await Host.Bot.NextRequestAsync()).Text);
        Assert.False(_first.Closed.IsCompleted);

        await replacement.SendHelloAsync();
        await Wait.For(_first.Closed);
        await replacement.SendAsync(SlackPayloads.EventsEnvelope("env-after", "Ev0AFTER", SlackPayloads.DirectMessage("after refresh")));

        Assert.Equal("after refresh", (await Host.Bot.NextRequestAsync()).Text);
        Assert.True(_first.ClosedByClient);
        Assert.Equal(3, Slack.SocketsOpened);
        Assert.Contains(Host.Logs.Lines, line => line.Message.Contains("refresh_requested", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WarningIsTreatedLikeARefresh()
    {
        await _second.SendDisconnectAsync("warning");

        var replacement = await Slack.NextSocketAsync();
        await Wait.For(_second.Closed);
        await replacement.SendAsync(SlackPayloads.EventsEnvelope("env-w", "Ev0W", SlackPayloads.DirectMessage("after warning")));

        Assert.Equal("after warning", (await Host.Bot.NextRequestAsync()).Text);
    }

    [Fact]
    public async Task AbruptCloseIsANormalReconnectAndLogged()
    {
        _first.DropAbruptly();

        var replacement = await Slack.NextSocketAsync();
        await replacement.SendAsync(SlackPayloads.EventsEnvelope("env-r", "Ev0R", SlackPayloads.DirectMessage("after drop")));

        Assert.Equal("after drop", (await Host.Bot.NextRequestAsync()).Text);
        Assert.Contains(Host.Logs.Lines, line => line.Level == LogLevel.Warning && line.Message.Contains("reconnecting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RevokedTokenClosesBothConnectionsForGood()
    {
        Slack.Script("chat.postMessage", FakeResponse.Error("token_revoked"));
        await _first.SendAsync(SlackPayloads.EventsEnvelope("env-revoked", "Ev0REVOKED", SlackPayloads.DirectMessage("anyone there?")));

        await Wait.For(_first.Closed);
        await Wait.For(_second.Closed);

        Assert.True(_first.ClosedByClient);
        Assert.True(_second.ClosedByClient);
        Assert.Equal(2, Slack.SocketsOpened);
        Assert.Contains(Host.Logs.Lines, line => line.Level == LogLevel.Critical && line.Message.Contains("token_revoked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LinkDisabledStopsSocketModeWithoutReconnecting()
    {
        await _first.SendDisconnectAsync("link_disabled");

        await Wait.For(_first.Closed);
        await Wait.For(_second.Closed);

        Assert.Equal(2, Slack.Count("apps.connections.open"));
        Assert.Equal(2, Slack.SocketsOpened);
        Assert.Contains(Host.Logs.Lines, line => line.Level == LogLevel.Error && line.Message.Contains("link_disabled", StringComparison.Ordinal));
    }
}
