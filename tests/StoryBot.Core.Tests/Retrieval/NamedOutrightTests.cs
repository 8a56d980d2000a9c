using StoryBot.Core.Conversation;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Retrieval;

/// <summary>"How much" naming someone is answered only by a figure the story gives about all it names.</summary>
public sealed class NamedOutrightTests
{
    private readonly IChatBot _bot = StoryServices.ChatBot();

    [Theory]
    [InlineData("How much money is MGX putting into Stargate?")]
    [InlineData("Wie viel investiert MGX?")]
    [InlineData("How much did the executive order cost?")]
    public Task AFigureAboutSomeoneElseDoesNotAnswer(string question) => _bot.AssertAbstainsAsync(question);

    [Theory]
    [InlineData("How much has xAI spent in Memphis?", "xai-memphis-12bn")]
    [InlineData("How much did Musk's AI company spend in Memphis?", "xai-memphis-12bn")]
    [InlineData("Wie viel Geld hat SoftBank laut Musk?", "musk-softbank-under-10bn")]
    public Task AFigureAboutWhatItNamesAnswers(string question, string cited) => _bot.AssertCitesFirstAsync(question, cited);

    [Fact]
    public Task NamesARamblingMessageMentionsBeforeItsQuestionDoNotHaveToShareTheFigure() =>
        _bot.AssertCitesFirstAsync(
            "I read the whole thread where Altman and Musk went at each other on X for days and honestly I lost track of who said what to whom, but how much has xAI spent in Memphis?",
            "xai-memphis-12bn");
}
