using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Retrieval;

/// <summary>"Who runs X?" is answered only by a statement that ties a leader's title to X.</summary>
public sealed class LeaderQuestionTests
{
    private readonly IChatBot _bot = StoryServices.ChatBot();

    [Theory]
    [InlineData("Who is the CEO of SoftBank?")]
    [InlineData("Wer ist der Chef von SoftBank?")]
    [InlineData("Who is the boss of MGX?")]
    [InlineData("Who runs Stargate?")]
    public Task AnOrganisationWhoseLeaderTheStoryNeverNamesGetsNoCitation(string question) => _bot.AssertAbstainsAsync(question);

    [Theory]
    [InlineData("Wer leitet OpenAI?", "CEO von OpenAI")]
    [InlineData("Who is the CEO of OpenAI?", "CEO of OpenAI")]
    [InlineData("Who is the head of Microsoft?", "CEO of Microsoft")]
    [InlineData("Wer führt Microsoft?", "Chef von Microsoft")]
    [InlineData("Wer ist Präsident der USA?", "US-Präsident")]
    public async Task TheLeaderTheStoryNamesAnswers(string question, string says)
    {
        var reply = await _bot.AssertAnswersSayingAsync(question, says);

        Assert.DoesNotContain(reply.Citations, c => c.Id == "musk-leads-doge");
    }

    [Theory]
    [InlineData("who runs DOGE?")]
    [InlineData("Wer leitet DOGE?")]
    public async Task AStatementTyingTheLeaderToTheOrganisationStillAnswersFirst(string question)
    {
        var reply = await _bot.Bot(question);

        Assert.Equal("musk-leads-doge", reply.Citations[0].Id);
    }
}
