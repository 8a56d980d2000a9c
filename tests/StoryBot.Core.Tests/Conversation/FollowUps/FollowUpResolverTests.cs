using StoryBot.Core.Conversation.FollowUps;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Conversation.FollowUps;

public class FollowUpResolverTests
{
    private static ConversationTurn Turn(string question, params string[] entities) => new(question, Language.English, entities, []);

    private static FollowUpResolution Resolve(string question, params ConversationTurn[] turns) =>
        FollowUpResolver.Resolve(question, turns, StoryServices.Pack);

    [Theory]
    [InlineData("woher will er das wissen", "woher will Musk das wissen")]
    [InlineData("what does his company do", "what does Musk's company do")]
    [InlineData("und was macht sein unternehmen", "und was macht Musks unternehmen")]
    [InlineData("and what did he claim about SoftBank?", "and what did Musk claim about SoftBank?")]
    [InlineData("what did Altman say to him", "what did Altman say to Musk")]
    public void APronounForTheOnePersonNamedBeforeGetsTheirName(string question, string read)
    {
        var resolution = Resolve(question, Turn("was behauptet musk über stargate", "elon-musk", "stargate"));

        Assert.Equal(FollowUpKind.Pronoun, resolution.Kind);
        Assert.Equal(read, resolution.Question);
    }

    [Fact]
    public void APronounThatCouldMeanEitherOfTwoPeopleIsNotGuessed()
    {
        var resolution = Resolve("what did he say", Turn("why are musk and altman fighting", "elon-musk", "sam-altman"));

        Assert.Equal(FollowUpKind.Ambiguous, resolution.Kind);
        Assert.Equal(["Elon Musk", "Sam Altman"], resolution.Candidates);
    }

    [Theory]
    [InlineData("altman")]
    [InlineData("the altman one i mean")]
    [InlineData("den Altman meine ich")]
    public void TheNameGivenAfterWhichOneIsWrittenIntoTheQuestionThatAskedIt(string choice)
    {
        var resolution = Resolve(
            choice,
            Turn("why are musk and altman fighting", "elon-musk", "sam-altman"),
            new ConversationTurn("what did he say", Language.English, [], [], Unresolved: true));

        Assert.Equal("what did Altman say", resolution.Question);
    }

    [Theory]
    [InlineData("and Microsoft?", "how much has Microsoft secured")]
    [InlineData("und microsoft", "how much has Microsoft secured")]
    public void ANameAndLittleElseAsksTheEarlierQuestionAboutTheNewName(string question, string read)
    {
        var resolution = Resolve(question, Turn("how much has SoftBank secured", "softbank"));

        Assert.Equal(FollowUpKind.Ellipsis, resolution.Kind);
        Assert.Equal(read, resolution.Question);
    }

    [Theory]
    [InlineData("und wann?", "was behauptet musk über stargate", "wann behauptet musk über stargate")]
    [InlineData("when was that", "what did musk claim about stargate", "when was did musk claim about stargate")]
    public void AQuestionWordOrAReferenceAsksTheEarlierQuestionAgain(string question, string before, string read)
    {
        var resolution = Resolve(question, Turn(before, "elon-musk", "stargate"));

        Assert.Equal(FollowUpKind.Ellipsis, resolution.Kind);
        Assert.Equal(read, resolution.Question);
    }

    [Theory]
    [InlineData("laut wem hat softbank weniger als 10 mrd zusammen", "and what did altman say to that", "and what did altman say to that laut hat softbank weniger als 10 mrd zusammen")]
    [InlineData("wie viel geld hat softbank laut musk", "und wann war das?", "wann war geld hat softbank laut musk")]
    public void ATakenUpQuestionBringsWhatItWasAboutNotHowItAsked(string before, string question, string read)
    {
        var resolution = Resolve(question, Turn(before, "softbank"));

        Assert.Equal(FollowUpKind.Ellipsis, resolution.Kind);
        Assert.Equal(read, resolution.Question);
    }

    [Fact]
    public void TheSameFollowUpAskedAgainAndAgainDoesNotGrowTheQuestion()
    {
        var turn = Turn("laut wem hat softbank weniger als 10 mrd zusammen", "softbank");
        var readings = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var reading = Resolve("and what did altman say to that", turn).Question;
            readings.Add(reading);
            turn = Turn(reading, "sam-altman", "softbank");
        }

        Assert.Single(readings.Distinct());
    }

    [Fact]
    public void ItStandsForTheThingNamedBefore()
    {
        var resolution = Resolve("and who is paying for it", Turn("what is stargate", "stargate"));

        Assert.Equal("and who is paying for Stargate", resolution.Question);
    }

    [Theory]
    [InlineData("more sources", Language.English)]
    [InlineData("mehr quellen bitte", Language.German)]
    [InlineData("Mehr dazu?", Language.German)]
    [InlineData("zeig mal den ganzen absatz", Language.German)]
    [InlineData("show me the rest of what he wrote", Language.English)]
    public void AskingForMoreIsAskingForMoreOfTheLastAnswerInTheWordsLanguage(string question, Language language)
    {
        var resolution = Resolve(question, Turn("what did altman reply", "sam-altman"));

        Assert.Equal(FollowUpKind.More, resolution.Kind);
        Assert.Equal("what did altman reply", resolution.Question);
        Assert.Equal(language, resolution.Language);
    }

    [Theory]
    [InlineData("what does xai compete with")]
    [InlineData("how much is stargate supposed to cost in total")]
    public void AQuestionThatNamesWhatItIsAboutStandsOnItsOwn(string question)
    {
        var resolution = Resolve(question, Turn("was behauptet musk über stargate", "elon-musk", "stargate"));

        Assert.Equal(FollowUpResolution.Unchanged(question), resolution);
    }

    [Fact]
    public void TheFirstQuestionOfAConversationStandsOnItsOwn()
    {
        Assert.Equal(FollowUpKind.None, Resolve("what did he say").Kind);
    }

    [Theory]
    [InlineData("what happened the day before", "what happened the day before stargate announced")]
    [InlineData("und am Tag danach?", "am tag danach stargate announced")]
    public void ADayCountedFromNothingIsCountedFromWhatTheTurnBeforeWasAbout(string question, string read)
    {
        var resolution = Resolve(question, Turn("when was stargate announced", "stargate"));

        Assert.Equal(FollowUpKind.Ellipsis, resolution.Kind);
        Assert.Equal(read, resolution.Question);
    }

    [Fact]
    public void ADayCountedFromADayAskedBeforeIsCountedFromThatDaysEvent()
    {
        // "and the day after?" after "the day before the announcement" is the day after the announcement, not after "the day before".
        var resolution = Resolve("and the day after?", Turn("what happened the day before stargate announced", "stargate"));

        var day = StoryBot.Core.Retrieval.RelativeDay.Read(resolution.Question);
        Assert.NotNull(day);
        Assert.Equal(1, day.Offset);
        Assert.Contains("stargate announced", day.Anchor, StringComparison.Ordinal);
    }

    [Fact]
    public void ADayThatNamesItsOwnEventStandsOnItsOwn()
    {
        var resolution = Resolve("what happened the day before altman replied", Turn("when was stargate announced", "stargate"));

        Assert.DoesNotContain("stargate", resolution.Question, StringComparison.OrdinalIgnoreCase);
    }
}
