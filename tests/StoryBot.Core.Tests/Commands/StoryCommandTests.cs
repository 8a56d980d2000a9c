using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Commands;

public sealed class StoryCommandTests
{
    private readonly IChatBot _bot = StoryServices.ChatBot();

    [Fact]
    public async Task FundingGivesEveryMoneyFigureWithWhoSaysSo()
    {
        var reply = await _bot.Bot("/funding");

        var ids = reply.Citations.Select(c => c.Id).ToList();
        Assert.Contains("stargate-up-to-500bn", ids);
        Assert.Contains("partners-committed-100bn", ids);
        Assert.Contains("musk-softbank-under-10bn", ids);
        Assert.Contains("xai-memphis-12bn", ids);
        Assert.Equal("claimed by Elon Musk", reply.Citations.Single(c => c.Id == "musk-softbank-under-10bn").Attribution);
        Ask.AssertQuotesAreVerbatim(reply);
    }

    [Fact]
    public async Task DisputeQuotesBothSidesEachAttributed()
    {
        var reply = await _bot.Bot("/dispute");

        Assert.Contains(reply.Citations, c => c.Attribution == "claimed by Elon Musk");
        Assert.Contains(reply.Citations, c => c.Attribution == "rebuttal by Sam Altman");
        Ask.AssertQuotesAreVerbatim(reply);
    }

    [Fact]
    public async Task TimelineRunsFromMondayToWednesday()
    {
        var reply = await _bot.Bot("/timeline");

        var text = reply.Text;
        var monday = text.IndexOf("Monday", StringComparison.Ordinal);
        var tuesday = text.IndexOf("Tuesday", StringComparison.Ordinal);
        var wednesday = text.IndexOf("Wednesday", StringComparison.Ordinal);
        Assert.True(monday >= 0 && monday < tuesday && tuesday < wednesday, text);
        Ask.AssertQuotesAreVerbatim(reply);
    }

    [Theory]
    [InlineData("/summary", Language.English)]
    [InlineData("/summary de", Language.German)]
    [InlineData("/funding deutsch", Language.German)]
    public async Task BareCommandsTakeALanguageWord(string command, Language expected)
    {
        var reply = await _bot.Bot(command);

        Assert.Equal(expected, reply.Language);
        Assert.Equal(ReplyKind.Answer, reply.Kind);
    }

    [Fact]
    public async Task HelpIsPrivateAndListsTheCommands()
    {
        var reply = await _bot.Bot("/help");

        Assert.True(reply.IsPrivate);
        foreach (var command in new[] { "/ask", "/who-is", "/funding", "/dispute", "/timeline", "/summary", "/sources" })
        {
            Assert.Contains(command, reply.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task HelpShowsTheModeratorsToolsToModeratorsOnly()
    {
        var reader = await _bot.Bot("/help");
        var moderator = await _bot.Bot("/help", moderator: true);

        Assert.DoesNotContain("/moderate", reader.Text, StringComparison.Ordinal);
        Assert.Contains("/moderate list | disable <id> <reason>", moderator.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourcesNamesTheArticle()
    {
        var reply = await _bot.Bot("/sources");

        Assert.Contains("stargate-dispute", reply.Text, StringComparison.Ordinal);
        Assert.Contains("TechCrunch", reply.Text, StringComparison.Ordinal);
    }
}
