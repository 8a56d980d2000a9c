using StoryBot.Core.Conversation;
using StoryBot.Core.Retrieval;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Retrieval;

/// <summary>"How does Musk know that?" asks where he has his claim from: the excerpt in which he names his source.</summary>
public sealed class SourceQuestionTests
{
    private readonly IChatBot _bot = StoryServices.ChatBot();

    [Theory]
    [InlineData("how does musk know that")]
    [InlineData("where did musk get that from")]
    [InlineData("woher will Musk das wissen")]
    [InlineData("and how does Musk know that?")]
    public Task AskingHowSomeoneKnowsFindsWhereTheyNameTheirSource(string question) =>
        _bot.AssertCitesFirstAsync(question, "musk-softbank-under-10bn");

    [Theory]
    [InlineData("who's musk's source for the softbank number")]
    [InlineData("wer ist musks quelle für die softbank zahl")]
    public Task AskingWhoTheSourceIsIsDeclinedForTheStoryNamesNone(string question) =>
        _bot.AssertAbstainsAsync(question);

    [Theory]
    [InlineData("how do we know stargate has the money")]
    [InlineData("how does musk feel about it")]
    [InlineData("where is the data centre")]
    public void OtherQuestionsWithTheSameWordsDoNotAskForASource(string question) =>
        Assert.Null(SourceQuestion.Frame(QuestionAnalyzer.Words(question)));
}
