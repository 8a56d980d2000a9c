using StoryBot.Core.Conversation;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Retrieval;

/// <summary>"Who" is answered by someone the question does not already name.</summary>
public sealed class WhoQuestionTests
{
    private readonly IChatBot _bot = StoryServices.ChatBot();

    [Theory]
    [InlineData("who builds the site in abilene?")]
    [InlineData("Wer baut das Rechenzentrum in Abilene?")]
    public Task AnExcerptAboutNobodyButTheQuestionsOwnNamesGetsNoCitation(string question) => _bot.AssertAbstainsAsync(question);

    [Theory]
    [InlineData("who made doge official", "doge-executive-order")]
    [InlineData("Wer investiert in Stargate?", "stargate-up-to-500bn")]
    public async Task SomeoneTheStatementsNameBesidesTheQuestionsOwnAnswers(string question, string cited)
    {
        var reply = await _bot.Bot(question);

        Assert.False(reply.Abstained);
        Assert.Equal(cited, reply.Citations[0].Id);
    }
}
