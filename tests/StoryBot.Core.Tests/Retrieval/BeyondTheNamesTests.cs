using StoryBot.Core.Conversation;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Retrieval;

/// <summary>
/// A question that shares only its names with the story, and is otherwise words the story never
/// uses, asks about something the story does not cover: a name makes an excerpt similar, not an answer.
/// </summary>
public sealed class BeyondTheNamesTests
{
    private readonly IChatBot _bot = StoryServices.ChatBot();

    [Theory]
    [InlineData("how tall is satya nadella")]
    [InlineData("what is Elon Musk's salary?")]
    [InlineData("Wie groß ist Sam Altmans Vermögen?")]
    public Task IsDeclined(string question) => _bot.AssertAbstainsAsync(question);

    [Theory]
    [InlineData("xai memphis?", "xai-memphis-12bn")]
    [InlineData("what did altman write w/ his reply", "altman-wrong")]
    [InlineData("Was sagt Nadella in Davos?", "nadella-davos-garbled")]
    public Task NamesWithWhatTheStorySaysAboutThemStillAnswer(string question, string cited) =>
        _bot.AssertCitesFirstAsync(question, cited);
}
