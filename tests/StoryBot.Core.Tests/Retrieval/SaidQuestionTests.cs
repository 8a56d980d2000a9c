using StoryBot.Core.Conversation;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Retrieval;

/// <summary>"What did Altman say?" is answered with his own words, quoted, before the report that he replied.</summary>
public sealed class SaidQuestionTests
{
    private readonly IChatBot _bot = StoryServices.ChatBot();

    [Theory]
    [InlineData("what did altman say to musk")]
    [InlineData("was hat altman geantwortet")]
    public async Task AnExcerptQuotingTheSpeakerLeads(string question)
    {
        var reply = await _bot.AssertCitesFirstAsync(question, "altman-wrong", "altman-great-for-the-country");

        Assert.Contains(reply.Citations, c => c.Id == "altman-fires-back");
    }

    [Fact]
    public Task AQuestionAboutTheReplyRatherThanItsWordsKeepsTheReport() =>
        _bot.AssertCitesFirstAsync("Warum hat Altman schon am Dienstag auf Musk reagiert?", "altman-fires-back");
}
