using StoryBot.Core.Conversation;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Answering;

/// <summary>An answer's first line follows the question: names for "who", the figure for "how much", and corrections.</summary>
public sealed class AnswerLeadTests
{
    private readonly IChatBot _bot = StoryServices.ChatBot();

    [Theory]
    [InlineData("Wer hat behauptet, SoftBank habe weniger als 10 Milliarden?", "Elon Musk:", "musk-softbank-under-10bn")]
    [InlineData("who said stargate is great for the country", "Sam Altman:", "altman-great-for-the-country")]
    public async Task AWhoQuestionLeadsWithTheName(string question, string lead, string cited)
    {
        var reply = await _bot.Bot(question);

        Assert.StartsWith(lead, reply.Text, StringComparison.Ordinal);
        Assert.Equal(cited, reply.Citations[0].Id);
        Ask.AssertQuotesAreVerbatim(reply);
    }

    [Theory]
    [InlineData("how much did xai spend in memphis", "$12 billion (estimate reported by the article):")]
    [InlineData("Wie viel Geld hat SoftBank laut Musk?", "Deutlich weniger als 10 Milliarden US-Dollar (Behauptung von Elon Musk):")]
    [InlineData("how much money has been committed so far?", "$100 billion (reported by the article):")]
    public async Task AHowMuchQuestionLeadsWithTheFigureAndWhoStandsBehindIt(string question, string lead)
    {
        var reply = await _bot.Bot(question);

        Assert.StartsWith(lead, reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("is elon a neutral party in this", "The story doesn't say yes or no in so many words.", "musk-not-neutral")]
    [InlineData("Hat xAI mehr als ein Rechenzentrum?", "Ein klares Ja oder Nein steht nicht in der Geschichte.", "xai-memphis-12bn")]
    public async Task AYesNoQuestionSaysTheStoryGivesNoPlainYesOrNoBeforeWhatItSays(string question, string lead, string cited)
    {
        var reply = await _bot.Bot(question);

        Assert.StartsWith(lead, reply.Text, StringComparison.Ordinal);
        Assert.Equal(cited, reply.Citations[0].Id);
    }

    [Theory]
    [InlineData("Why does Altman doubt that Stargate has the money?", "According to the story it was Elon Musk, not Sam Altman:")]
    [InlineData("Warum bezweifelt Altman, dass Stargate das Geld hat, das es angeblich hat?", "Laut der Geschichte war es Elon Musk, nicht Sam Altman:")]
    public async Task AClaimPinnedOnTheWrongPersonIsCorrectedBeforeTheQuote(string question, string correction)
    {
        var reply = await _bot.Bot(question);

        Assert.StartsWith(correction, reply.Text, StringComparison.Ordinal);
        Assert.Equal("musk-claims-no-money", reply.Citations[0].Id);
    }

    [Theory]
    [InlineData("What did Altman reply to Musk?")]
    [InlineData("who is musk")]
    [InlineData("Fass die Geschichte zusammen")]
    [InlineData("who is bankrolling stargate?")]
    public async Task AnswersThatNeedNoLeadHaveNone(string question)
    {
        var reply = await _bot.Bot(question);

        Assert.DoesNotContain(":\n", reply.Text, StringComparison.Ordinal);
    }
}
