using StoryBot.Core.Conversation;
using StoryBot.Core.Retrieval;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Retrieval;

/// <summary>"The day after X" is counted on the timeline's weekdays from the event X names.</summary>
public sealed class RelativeDayTests
{
    private readonly IChatBot _bot = StoryServices.ChatBot();

    [Theory]
    [InlineData("what happened the day after the announcement", 1, "what happened the announcement")]
    [InlineData("the day before altman fired back?", -1, "altman fired back?")]
    [InlineData("Was geschah zwei Tage nach der Verordnung?", 2, "was geschah der verordnung?")]
    [InlineData("was war am Tag danach", 1, "was war")]
    [InlineData("what did musk do on the same day stargate was announced", 0, "what did musk do stargate was announced")]
    [InlineData("am Vortag von Altmans Antwort", -1, "altmans antwort")]
    public void ReadsHowManyDaysFromWhichEvent(string question, int offset, string anchor)
    {
        var relative = RelativeDay.Read(question);

        Assert.NotNull(relative);
        Assert.Equal(offset, relative.Offset);
        Assert.Equal(anchor, relative.Anchor);
    }

    [Theory]
    [InlineData("what happened on tuesday")]
    [InlineData("a day in the life of musk")]
    [InlineData("Wie viele Tage hat die Woche?")]
    public void AQuestionWithoutARelativeDayIsReadAsItIs(string question) => Assert.Null(RelativeDay.Read(question));

    [Theory]
    [InlineData("what happened the day after stargate was announced", "altman-fires-back")]
    [InlineData("what happened the day after the announcement", "altman-fires-back")]
    [InlineData("Was war am Tag bevor Stargate vorgestellt wurde?", "doge-executive-order")]
    [InlineData("the day before altman fired back, what did musk post?", "musk-they-dont-have-the-money")]
    public async Task TheDayAskedForIsAnsweredFromTheTimeline(string question, string cited)
    {
        var reply = await _bot.Bot(question);

        Assert.False(reply.Abstained, reply.Text);
        Assert.Contains(cited, reply.Citations.Select(c => c.Id));
        Ask.AssertQuotesAreVerbatim(reply);
    }

    [Theory]
    [InlineData("what happened two days after altman replied")]
    [InlineData("Was passierte drei Tage vor der Ankündigung von Stargate?")]
    public Task ADayTheStoryTellsNothingAboutIsNotAnswered(string question) => _bot.AssertAbstainsAsync(question);
}
