using StoryBot.Core.Conversation;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Retrieval;

/// <summary>Words people add in chat that carry no topic ("wait", "nah", "irgendwas", "angeblich") do not count against an answer.</summary>
public sealed class ChatFillerTests
{
    private readonly IChatBot _bot = StoryServices.ChatBot();

    [Theory]
    [InlineData("wait so they're not actually good for the money?", "musk-claims-no-money", "musk-they-dont-have-the-money", "musk-softbank-under-10bn")]
    [InlineData("lmao is elon even unbiased here or nah", "musk-not-neutral", "xai-rival-in-litigation")]
    public Task EnglishChatFillerLeavesTheAnswer(string question, params string[] cited) =>
        _bot.AssertCitesFirstAsync(question, cited);

    [Fact]
    public Task GermanParticlesLeaveTheAnswer() =>
        _bot.AssertCitesFirstAsync(
            "Ich frag mich schon die ganze Zeit, ob Microsoft bei dem ganzen Streit überhaupt irgendwas gesagt hat, weil die ja angeblich so eng mit OpenAI sind und bestimmt auch ihre eigenen Pläne für Rechenzentren haben, weiß da jemand was?",
            "nadella-davos-garbled");

    [Theory]
    [InlineData("wait what's sam altman's net worth")]
    [InlineData("wie alt ist Altman eigentlich, weiß das irgendwer?")]
    public Task FillerDoesNotMakeAQuestionTheStoryCannotAnswerAnswerable(string question) =>
        _bot.AssertAbstainsAsync(question);

    [Fact]
    public Task SlangThatIsAlsoAnOrdinaryWordIsReadAsTheWord() =>
        // "Alter" is chat's "dude", but "alt" is "old": read as filler, the question was only a name.
        _bot.AssertAbstainsAsync("wie alt ist Altman");
}
