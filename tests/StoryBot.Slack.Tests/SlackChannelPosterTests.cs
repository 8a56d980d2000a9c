using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Slack.Tests.Fakes;

namespace StoryBot.Slack.Tests;

public sealed class SlackChannelPosterTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;
    private SlackTestHost _host = null!;

    private IChannelPoster Poster => Assert.Single(_host.App.Services.GetServices<IChannelPoster>(), poster => poster.Platform == "slack");

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _host = await SlackTestHost.StartAsync(SlackTestHost.Settings(_slack, socketMode: false, httpMode: true));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task PostAsyncPostsTheReplyAndReturnsItsTsAsTheMessageId()
    {
        var posted = await Poster.PostAsync("C0SUMMARY", TestReplies.Answer("/summary"), CancellationToken.None);

        var call = await _slack.NextCallAsync("chat.postMessage");
        Assert.Equal("C0SUMMARY", call.Str("channel"));
        Assert.Equal(new PostedMessage("slack", "C0SUMMARY", posted.MessageId), posted);
        Assert.Matches(@"^\d+\.\d{6}$", posted.MessageId);
    }

    [Fact]
    public async Task EditAsyncUpdatesThatMessageWithTheWithdrawnQuoteStruckThrough()
    {
        var posted = new PostedMessage("slack", "C0ANSWERS", "1700000000.000777");
        var corrected = TestReplies.Answer("who is musk", TestReplies.MuskCitation with { Withdrawn = true });

        await Poster.EditAsync(posted, corrected, CancellationToken.None);

        var call = await _slack.NextCallAsync("chat.update");
        Assert.Equal("C0ANSWERS", call.Str("channel"));
        Assert.Equal("1700000000.000777", call.Str("ts"));
        Assert.Contains("~" + TestReplies.MuskQuote + "~", PostedBlocks.AllText(call.Body), StringComparison.Ordinal);
        Assert.Contains("Withdrawn by a moderator", PostedBlocks.AllText(call.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditAsyncRefusesAnotherPlatformsMessage()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Poster.EditAsync(new PostedMessage("discord", "1", "2"), TestReplies.Answer("q"), CancellationToken.None));
    }
}
