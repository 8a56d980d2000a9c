using StoryBot.Core.Conversation;
using StoryBot.Core.Retrieval;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Retrieval;

/// <summary>A question asking for a specific attribute is answered only by an excerpt that names it.</summary>
public sealed class AskedAttributeTests
{
    private readonly IChatBot _bot = StoryServices.ChatBot();

    [Theory]
    [InlineData("how many workers does the memphis data centre have")]
    [InlineData("Wie viele Beschäftigte hat das Rechenzentrum in Abilene?")]
    [InlineData("what was the weather like at the white house press conference")]
    [InlineData("Welcher Richter ist für die Klage von xAI zuständig?")]
    [InlineData("who won the dispute about the xai lawsuit")]
    [InlineData("how many acres does the memphis site cover")]
    public Task AnAttributeTheStoryNeverNamesGetsNoCitation(string question) => _bot.AssertAbstainsAsync(question);

    [Theory]
    [InlineData("is openai being taken to court by xai", "xai-lawsuit-allegations", "xai-rival-in-litigation")]
    [InlineData("ist microsoft ein mitarbeiter und investor von openai", "nadella-davos-garbled", "nadella-davos-garbled")]
    public async Task AnExcerptThatNamesTheAttributeOrOnlyItsTopicStillAnswers(string question, string cited, string orCited)
    {
        var reply = await _bot.Bot(question);

        Assert.False(reply.Abstained);
        Assert.Contains(reply.Citations[0].Id, new[] { cited, orCited });
    }

    [Theory]
    [InlineData("which court is hearing it", "court")]
    [InlineData("wie ist das wetter in texas", "wetter")]
    [InlineData("wer hat gewonnen", "gewonnen")]
    public void TheWordThatAsksForTheAttributeIsRead(string question, string word)
    {
        var surface = StoryAnalyzers.Terms(StoryAnalyzers.Surface, question);

        Assert.Equal(word, AskedAttributes.Read(surface)?.Word);
    }

    [Theory]
    [InlineData("are they fighting in court")]
    [InlineData("who sued openai")]
    public void ACourtNamedAsTheTopicAsksForNoAttribute(string question)
    {
        var surface = StoryAnalyzers.Terms(StoryAnalyzers.Surface, question);

        Assert.Null(AskedAttributes.Read(surface));
    }
}
