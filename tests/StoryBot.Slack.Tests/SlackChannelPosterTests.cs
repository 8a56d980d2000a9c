using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Platforms;
using StoryBot.Slack.Tests.Fakes;

namespace StoryBot.Slack.Tests;

public sealed class SlackChannelPosterTests : SlackHostTest
{
    private IChannelPoster Poster => Assert.Single(Host.App.Services.GetServices<IChannelPoster>(), poster => poster.Platform == "slack");

    [Fact]
    public async Task PostAsyncPostsTheReplyAndReturnsItsTsAsTheMessageId()
    {
        var posted = (await Poster.PostAsync("C0SUMMARY", TestReplies.Answer("/summary"), CancellationToken.None)).Message!;

        var call = await Slack.NextCallAsync("chat.postMessage");
        Assert.Equal("C0SUMMARY", call.Str("channel"));
        Assert.Equal(new PostedMessage("slack", "C0SUMMARY", posted.MessageId), posted);
        Assert.Matches(@"^\d+\.\d{6}$", posted.MessageId);
    }

    [Fact]
    public async Task PostOnceAsyncCarriesTheLinkSlackGivesForTheMessage()
    {
        var result = await Poster.PostOnceAsync("C0SUMMARY", TestReplies.Answer("/summary"), "summary daily 2026-06-01", CancellationToken.None);

        var asked = await Slack.NextCallAsync("chat.getPermalink");
        Assert.Equal(("C0SUMMARY", result.Message!.MessageId), (asked.Str("channel"), asked.Str("message_ts")));
        Assert.Equal(FakeSlack.Permalink("C0SUMMARY", result.Message.MessageId), result.Permalink);
    }

    [Fact]
    public async Task APostOnceWhoseLinkSlackWillNotGiveIsPostedWithoutOne()
    {
        Slack.Script("chat.getPermalink", new FakeResponse(200, """{"ok": false, "error": "channel_not_found"}"""));

        var result = await Poster.PostOnceAsync("C0SUMMARY", TestReplies.Answer("/summary"), "summary daily 2026-06-01", CancellationToken.None);

        Assert.True(result.IsPosted);
        Assert.Null(result.Permalink);
        Assert.Contains(Host.Logs.Lines, line => line.Message.Contains("Slack gave no link for message", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EditAsyncUpdatesThatMessageWithTheWithdrawnQuoteStruckThrough()
    {
        var posted = new PostedMessage("slack", "C0ANSWERS", "1700000000.000777");
        var corrected = TestReplies.Answer("who is musk", TestReplies.MuskCitation with { Withdrawn = true });

        await Poster.EditAsync(posted, corrected, CancellationToken.None);

        var call = await Slack.NextCallAsync("chat.update");
        Assert.Equal("C0ANSWERS", call.Str("channel"));
        Assert.Equal("1700000000.000777", call.Str("ts"));
        Assert.Contains("~" + TestReplies.MuskQuote + "~", PostedBlocks.AllText(call.Body), StringComparison.Ordinal);
        Assert.Contains("Withdrawn by a moderator", PostedBlocks.AllText(call.Body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1700000000.000100")]
    [InlineData(null)]
    public async Task PostNextToAsyncRepliesInTheEarlierMessagesThreadOrElseInItsChannel(string? threadTs)
    {
        var earlier = new PostedMessage("slack", "C0ANSWERS", "1700000000.000777", threadTs);

        var posted = (await Poster.PostNextToAsync(earlier, TestReplies.Answer("who is musk"), CancellationToken.None)).Message!;

        var call = await Slack.NextCallAsync("chat.postMessage");
        Assert.Equal("C0ANSWERS", call.Str("channel"));
        Assert.Equal(threadTs, call.Str("thread_ts"));
        Assert.Equal(new PostedMessage("slack", "C0ANSWERS", posted.MessageId, threadTs), posted);
    }

    [Fact]
    public async Task SummaryAndCorrectionCarryNoLiveMarkupFromTheKnowledgePackAnywhereInTheMessage()
    {
        const string Injection = "<!channel> <@U0VICTIM> <http://evil.example|slack.com>";
        var citation = new Citation("id" + Injection, "source" + Injection, 3, "Zitat " + Injection, "Quote " + Injection, "Who " + Injection);
        var summary = TestReplies.Answer("/summary", citation) with { Body = [TextRun.Strong("Stargate " + Injection), TextRun.Plain(" and " + Injection)] };

        var posted = (await Poster.PostAsync("C0SUMMARY", summary, CancellationToken.None)).Message!;
        await Poster.EditAsync(posted, summary with { Citations = [citation with { Withdrawn = true }] }, CancellationToken.None);

        foreach (var call in new[] { await Slack.NextCallAsync("chat.postMessage"), await Slack.NextCallAsync("chat.update") })
        {
            var text = PostedBlocks.AllText(call.Body);
            Assert.Contains("&lt;!channel&gt;", call.Str("text"), StringComparison.Ordinal);
            Assert.DoesNotContain("<!", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<@", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<http", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EditAsyncRefusesAnotherPlatformsMessage()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Poster.EditAsync(new PostedMessage("discord", "1", "2"), TestReplies.Answer("q"), CancellationToken.None));
    }

    [Theory]
    [InlineData("message_not_found", PostOutcome.Permanent)]
    [InlineData("cant_update_message", PostOutcome.Permanent)]
    [InlineData("edit_window_closed", PostOutcome.Permanent)]
    [InlineData("channel_not_found", PostOutcome.Permanent)]
    [InlineData("ratelimited", PostOutcome.Transient)]
    [InlineData("internal_error", PostOutcome.Transient)]
    [InlineData("fatal_error", PostOutcome.Transient)]
    public async Task SlacksErrorsComeBackAsResultsThatSayWhetherToTryAgain(string error, PostOutcome outcome)
    {
        Slack.Script("chat.update", FakeResponse.Error(error));

        var result = await Poster.EditAsync(new PostedMessage("slack", "C0SUMMARY", "1700000000.000100"), TestReplies.Answer("q"), CancellationToken.None);

        Assert.Equal(outcome, result.Outcome);
        Assert.Contains(error, result.Reason, StringComparison.Ordinal);
        Assert.Null(result.Message);
    }

    [Fact]
    public async Task APostSlackFailedWithA5xxIsReportedAsWorthAnotherTryLater()
    {
        Slack.Script("chat.postMessage", FakeResponse.ServerError());

        var result = await Poster.PostAsync("C0SUMMARY", TestReplies.Answer("q"), CancellationToken.None);

        Assert.Equal(PostOutcome.Transient, result.Outcome);
        Assert.Contains("http_503", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ASlackMessageShowsFifteenQuotes()
    {
        Assert.Equal(15, Poster.Limits.MaxCitations);
    }
}
