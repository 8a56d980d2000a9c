using StoryBot.Core.Conversation;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Retrieval;

/// <summary>Asking for the story as a whole, in words, gets the cited summary or timeline.</summary>
public sealed class StoryRequestTests
{
    private readonly IChatBot _bot = StoryServices.ChatBot();

    [Theory]
    [InlineData("Fass die Geschichte zusammen")]
    [InlineData("give me the gist in two sentences")]
    [InlineData("can you summarise the musk altman fight?")]
    [InlineData("Kurzfassung bitte")]
    [InlineData("kannst du den artikel in drei sätzen zusammenfassen")]
    [InlineData("summarize the story in 3 bullet points")]
    public async Task ASummaryRequestGetsTheCitedSummary(string question)
    {
        var reply = await _bot.Bot(question);
        var summary = StoryServices.Pack.Summary;

        Assert.Equal(summary.Text.In(reply.Language), reply.Text.Split('\n')[0]);
        Assert.Equal(summary.Citations, reply.Citations.Select(c => c.Id));
    }

    [Theory]
    [InlineData("what happened, in order?")]
    [InlineData("Was ist der Reihe nach passiert?")]
    public async Task ATimelineRequestGetsEveryDayInOrder(string question)
    {
        var reply = await _bot.Bot(question);
        var timeline = StoryServices.Pack.Timeline.OrderBy(t => t.Order).ToList();

        Assert.StartsWith("• " + timeline[0].Day.In(reply.Language), reply.Text, StringComparison.Ordinal);
        Assert.Contains(timeline[^1].Event.In(reply.Language), reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASummaryOfOneTopicAnswersThatTopic()
    {
        var reply = await _bot.Bot("summarize the lawsuit");

        Assert.StartsWith("xai-lawsuit", reply.Citations[0].Id, StringComparison.Ordinal);
    }
}
