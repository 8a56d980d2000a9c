using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Retrieval;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Retrieval;

/// <summary>"Why" is answered by the excerpt that gives a cause, a purpose or an accusation.</summary>
public sealed class WhyQuestionTests
{
    private static readonly PassageIndex Index = PassageIndex.Build(StoryServices.Pack);

    private readonly IChatBot _bot = StoryServices.ChatBot();

    [Theory]
    [InlineData("why did altman reply")]
    [InlineData("Warum streiten die beiden?")]
    [InlineData("wozu das ganze Geld")]
    [InlineData("how come musk is so against it")]
    [InlineData("Aus welchem Grund klagt xAI?")]
    public void ReadsAQuestionForACauseOrPurpose(string question)
    {
        Assert.Equal(QuestionIntent.Reason, QuestionAnalyzer.Analyze(question, Index, Language.English).Intent);
    }

    [Theory]
    [InlineData("xai-lawsuit-allegations", true)]
    [InlineData("stargate-up-to-500bn", true)]
    [InlineData("xai-hungry-for-infrastructure", true)]
    [InlineData("xai-rival-in-litigation", false)]
    [InlineData("musk-claims-no-money", false)]
    public void KnowsWhichExcerptsGiveAReasonFromTheirOwnWordsOrAFactAboutThem(string excerpt, bool givesReason)
    {
        // xai-rival-in-litigation is cited by a timeline entry that speaks of accusations, but
        // that entry is about the lawsuit, not about this excerpt.
        Assert.Equal(givesReason, Index.Excerpts.Single(e => e.Excerpt.Id == excerpt).GivesReason);
    }

    [Theory]
    [InlineData("Warum verklagt xAI OpenAI?")]
    [InlineData("why is xai suing openai")]
    public async Task AWhyIsAnsweredByTheExcerptThatGivesTheReason(string question)
    {
        var reply = await _bot.Bot(question);

        Assert.False(reply.Abstained);
        Assert.Equal("xai-lawsuit-allegations", reply.Citations[0].Id);
    }

    [Theory]
    [InlineData("why is musk not a neutral party?")]
    [InlineData("Warum ist Musk nicht neutral?")]
    public async Task AWhyThatRepeatsAnExcerptIsAnsweredByTheSentenceAfterItThenTheExcerpt(string question)
    {
        var reply = await _bot.AssertCitesFirstAsync(question, "xai-rival-in-litigation");

        Assert.Contains(reply.Citations, c => c.Id == "musk-not-neutral");
    }

    [Fact]
    public Task AWhyWhoseBestExcerptIsAlreadyTheReasonKeepsIt() =>
        _bot.AssertCitesFirstAsync("why does musk have a conflict of interest", "xai-rival-in-litigation");
}
