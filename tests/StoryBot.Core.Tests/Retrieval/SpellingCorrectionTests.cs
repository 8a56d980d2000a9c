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
    public Task AWordOfTheStorysSynonymsIsNotReadAsATypoOfFiller() =>
        // "paying" is one letter from the filler "saying"; the story lists it among its words for paying.
        _bot.AssertCitesFirstAsync("who's paying for Stargate", "stargate-up-to-500bn");

    [Fact]
    public Task ALetterTypedTwiceInAShortWordIsReadOnce() =>
        // "cheff" is too short to be read as a typo by distance; "chef" is one of the story's words for a chief.
        _bot.AssertCitesFirstAsync("wer is der cheff von microsoft im artikel", "nadella-davos-garbled");

    [Fact]
    public Task ADoubledLetterIsNotTakenAwayToMakeFiller() =>
        // "wasser" without one "s" is "waser", not the filler "was": water is a word the story never uses.
        _bot.AssertAbstainsAsync("Wie viel Wasser verbraucht das Rechenzentrum in Abilene?");
}
