using Microsoft.Extensions.DependencyInjection;
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
    public async Task HelpListsTheStorysTopicCommandsAfterWhoIsInTheirOwnWords()
    {
        var english = await _bot.Bot("/help");
        var german = await _bot.Bot("/help de");

        Assert.Contains(
            "/who-is <name>: who someone or something in the story is\n/funding: the money figures and who says so\n/dispute: both sides of the fight, each quote attributed\n/timeline: what happened on which day\n",
            english.Text,
            StringComparison.Ordinal);
        Assert.Contains(
            "/who-is <Name>: wer oder was jemand in der Geschichte ist\n/funding: die Geldbeträge und wer sie nennt\n/dispute: beide Seiten des Streits, jedes Zitat zugeordnet\n/timeline: was an welchem Tag geschah\n",
            german.Text,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStoryOfOtherTopicsHasTheCommandsItsTopicsDefine()
    {
        var real = StoryServices.Pack;
        var money = real.Story.Topic("funding") with
        {
            Heading = null,
            Command = new(Languages("money", "geld"), Languages("The money.", "Das Geld."), Languages("where the money comes from", "woher das Geld kommt")),
        };
        var story = real.Story with { Topics = [money, .. real.Story.Topics.Where(t => t.Id != "funding").Select(t => t with { Command = null })] };
        var pack = new KnowledgePack(story, real.Sources, real.Excerpts, real.Entities, real.Facts, real.Timeline, real.Summary, real.Version + "-money");
        using var services = StoryServices.Create(pack: pack);
        var bot = services.GetRequiredService<IChatBot>();

        var reply = await bot.Bot("/money");
        var help = await bot.Bot("/help");

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.StartsWith("Stargate's funding", reply.Text, StringComparison.Ordinal); // no heading: the topic's name
        Assert.Contains("musk-softbank-under-10bn", reply.Citations.Select(c => c.Id));
        Assert.Equal(ReplyKind.Error, (await bot.Bot("/funding")).Kind);
        Assert.Equal(ReplyKind.Error, (await bot.Bot("/dispute")).Kind);
        Assert.Contains("/money: where the money comes from\n/timeline:", help.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("/funding", help.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("/dispute", help.Text, StringComparison.Ordinal);
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

    private static TextInLanguages Languages(string en, string de) => new(new Dictionary<string, string> { ["en"] = en, ["de"] = de });
}
