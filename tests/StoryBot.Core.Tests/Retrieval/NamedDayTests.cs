using StoryBot.Core.Conversation;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Retrieval;

/// <summary>A weekday in a question is read against the story's timeline.</summary>
public sealed class NamedDayTests
{
    private readonly IChatBot _bot = StoryServices.ChatBot();

    [Theory]
    [InlineData("what happened on thursday after all that")]
    [InlineData("Was geschah am Freitag?")]
    public Task ADayTheStoryHasNothingOnIsNotAnsweredWithAnotherDay(string question) => _bot.AssertAbstainsAsync(question);

    [Theory]
    [InlineData("what happened on wednesday", "altman-fires-back")]
    [InlineData("Was war am Montag?", "doge-executive-order")]
    public async Task ADayAloneIsAnsweredWithThatDaysEvents(string question, string cited)
    {
        var reply = await _bot.Bot(question);

        Assert.Equal(cited, reply.Citations[0].Id);
    }

    [Fact]
    public async Task AWrongDayInAQuestionIsAnsweredWithTheRealOne()
    {
        var reply = await _bot.Bot("Warum hat Altman schon am Dienstag auf Musk reagiert?");

        Assert.Equal("altman-fires-back", reply.Citations[0].Id);
        Assert.Contains("Mittwoch", reply.Citations[0].Quote + reply.Text, StringComparison.Ordinal);
    }
}
