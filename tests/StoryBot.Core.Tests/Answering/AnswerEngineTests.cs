using Microsoft.Extensions.DependencyInjection;
using Moq;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Answering;

public sealed class AnswerEngineTests
{
    private readonly IChatBot _bot = StoryServices.ChatBot();

    [Theory]
    [InlineData("How much money could Stargate channel into data centres?", Language.English)]
    [InlineData("Wie viel Geld soll in Stargate fließen?", Language.German)]
    public async Task AnswersInTheLanguageOfTheQuestion(string question, Language expected)
    {
        var reply = await _bot.Bot(question);

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Equal(expected, reply.Language);
        Assert.Equal("stargate-up-to-500bn", reply.Citations[0].Id);
    }

    [Theory]
    [InlineData("<@987654321098765432> Wer hat die Klage gewonnen? 🤔", "Wer hat die Klage gewonnen?")]
    [InlineData("hey bot, who is musk?", "who is musk?")]
    public async Task TheReplyCarriesTheQuestionAsTheEngineCleanedIt(string asked, string cleaned)
    {
        using var services = StoryServices.Create();

        var reply = await services.GetRequiredService<IAnswerEngine>().AskAsync(asked, null, CancellationToken.None);

        Assert.Equal(cleaned, reply.CleanedQuestion);
        Assert.Equal(asked, reply.Question);
    }

    [Fact]
    public async Task CitesTheExcerptWithItsParagraphQuoteAndRendering()
    {
        var reply = await _bot.Bot("What did Altman say about Musk's claim that SoftBank lacks capital?");

        var citation = reply.Citations[0];
        Assert.Equal("stargate-dispute", citation.Source);
        Assert.Equal(8, citation.Paragraph);
        Assert.StartsWith("„Falsch, wie Sie sicherlich wissen“", citation.Quote, StringComparison.Ordinal);
        Assert.Contains("Wrong, as you surely know", citation.Translation, StringComparison.Ordinal);
        Ask.AssertQuotesAreVerbatim(reply);
    }

    [Theory]
    [InlineData("What did Apple announce?")]
    [InlineData("Was sagt Jeff Bezos dazu?")]
    [InlineData("what's the weather in Berlin tomorrow")]
    [InlineData("asdf qwerty")]
    public async Task AbstainsWhenTheStoryDoesNotSay(string question)
    {
        var reply = await _bot.Bot(question);

        Assert.True(reply.Abstained);
        Assert.Empty(reply.Citations);
    }

    [Theory]
    [InlineData("Was hat Apple angekündigt?", Language.German, "Dazu sagt die Geschichte nichts.", "die Finanzierung von Stargate")]
    [InlineData("What did Apple announce?", Language.English, "The story doesn't answer that.", "Stargate's funding")]
    public async Task AbstentionSaysWhatTheStoryCoversInTheAskersLanguage(string question, Language language, string opening, string topic)
    {
        var reply = await _bot.Bot(question);

        Assert.Equal(language, reply.Language);
        Assert.StartsWith(opening, reply.Text, StringComparison.Ordinal);
        Assert.Contains(topic, reply.Text, StringComparison.Ordinal);
        Assert.Contains("Sam Altman", reply.Text, StringComparison.Ordinal);
        Assert.Contains("/funding", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASharedKeywordAloneEarnsNoCitation()
    {
        // "Stargate" is everywhere in the story; the opening date is nowhere.
        var reply = await _bot.Bot("Wann eröffnet Stargate sein erstes Rechenzentrum für Kunden in Europa?");

        Assert.True(reply.Abstained);
    }

    [Fact]
    public async Task NeverCitesAnExcerptModeratorsDisabled()
    {
        var policy = new Mock<ICitationPolicy>();
        policy.Setup(p => p.GetFilterAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(new CitationFilter(new HashSet<string>(), new HashSet<string> { "altman-wrong" }));
        var bot = StoryServices.ChatBot(policy.Object);

        var reply = await bot.Bot("What did Altman reply to Musk's SoftBank claim?");

        Assert.DoesNotContain(reply.Citations, c => c.Id == "altman-wrong");
    }

    [Fact]
    public async Task AbstainsRatherThanAnswerUncitedWhenEveryCitationIsDisabled()
    {
        var policy = new Mock<ICitationPolicy>();
        policy.Setup(p => p.GetFilterAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(new CitationFilter(new HashSet<string> { "stargate-dispute" }, new HashSet<string>()));
        var bot = StoryServices.ChatBot(policy.Object);

        var reply = await bot.Bot("How much money could Stargate raise from investors?");

        Assert.True(reply.Abstained);
        Assert.Empty(reply.Citations);
        Assert.Contains("withdrawn", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerCitingTheGarbledParagraphSaysThatItIsGarbled()
    {
        var reply = await _bot.Bot("What did Nadella say about Musk?");

        Assert.Equal("nadella-davos-garbled", reply.Citations[0].Id);
        Assert.Contains("garbled", reply.Text, StringComparison.Ordinal);
    }
}
