using StoryBot.Core.Conversation;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Retrieval;

/// <summary>A word the story does not have may be read as a typo of one it has, but never of filler.</summary>
public sealed class SpellingCorrectionTests
{
    private readonly IChatBot _bot = StoryServices.ChatBot();

    [Theory]
    [InlineData("weather")]
    [InlineData("weather?")]
    public Task AWordTwoLettersFromFillerIsNotReadAsThatFiller(string question) =>
        // "weather" is two edits from "whether", which the pack's English renderings use everywhere.
        _bot.AssertAbstainsAsync(question);

    [Fact]
    public Task ATypoOfAStoryWordIsStillReadAsThatWord() =>
        _bot.AssertAnswersSayingAsync("who is sam altmn", "OpenAI");

    [Fact]
    public async Task AWordOfTheStorysSynonymsIsNotReadAsATypoOfFiller()
    {
        // "paying" is one letter from the filler "saying"; the story lists it among its words for paying.
        var reply = await _bot.Bot("who's paying for Stargate");

        Assert.False(reply.Abstained, reply.Text);
        Assert.Equal("stargate-up-to-500bn", reply.Citations[0].Id);
    }
}
