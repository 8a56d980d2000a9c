using StoryBot.Core.Conversation;
using StoryBot.Core.Retrieval;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Retrieval;

/// <summary>A long, rambling message is read for the question at its end, with the names mentioned before it.</summary>
public sealed class QuestionFocusTests
{
    private readonly IChatBot _bot = StoryServices.ChatBot();

    [Fact]
    public void TheLastClauseThatAsksIsTheFocusWithTheNamesOfTheRest()
    {
        var index = PassageIndex.Build(StoryServices.Pack);

        var focus = QuestionFocus.Of(
            "honestly this whole thing with Musk feels like two billionaires yelling at each other on the internet while the rest of us watch, but what I actually want to know is how much xAI spends, and where?",
            index);

        Assert.Equal(new FocusedQuestion("musk but what I actually want to know is how much xAI spends, and where?", 1), focus);
    }

    [Theory]
    [InlineData("ok so there was a big white house thing and then elon started posting and then sam replied... can someone tell me where the money goes?", "can someone tell me where the money goes?")]
    [InlineData("also ich hab das nur nebenbei mitbekommen und danach gings auf X richtig los und jetzt frag ich mich halt: wie viel haben die geldgeber versprochen?", "wie viel haben die geldgeber versprochen?")]
    public void AQuestionAfterAColonOrATrailingOffIsTheFocus(string message, string asked)
    {
        var focus = QuestionFocus.Of(message, PassageIndex.Build(StoryServices.Pack));

        Assert.NotNull(focus);
        Assert.EndsWith(asked, focus.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("How much did xAI spend in Memphis?")]
    [InlineData("so musk and altman are fighting on x and it is all very loud and everyone has an opinion and nobody reads the article at all really")]
    public void AShortMessageOrOneWithNoAskingClauseIsReadWhole(string message) =>
        Assert.Null(QuestionFocus.Of(message, PassageIndex.Build(StoryServices.Pack)));

    [Fact]
    public async Task ARamblingQuestionIsAnsweredByWhatItAsksAtTheEnd()
    {
        var reply = await _bot.Bot(
            "Also ich hab das gestern nur halb mitbekommen, irgendwie haben Musk und Altman sich auf X gestritten und dann ging es noch um Trump und eine Kommission, kann mir jemand erklären, welche Rolle Musk da eigentlich in der Regierung spielt?");

        Assert.Equal("musk-leads-doge", reply.Citations[0].Id);
        Ask.AssertQuotesAreVerbatim(reply);
    }
}
