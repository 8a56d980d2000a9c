using StoryBot.Core.Knowledge;
using StoryBot.Core.Retrieval;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Retrieval;

public sealed class LanguageAndIntentTests
{
    private static readonly PassageIndex Index = PassageIndex.Build(StoryServices.Pack);

    [Theory]
    [InlineData("wer ist altman", Language.German)]
    [InlineData("who is altman", Language.English)]
    [InlineData("wieviel geld hat softbank", Language.German)]
    [InlineData("how much did softbank secure", Language.English)]
    [InlineData("Rechenzentrum in Memphis?", Language.German)]
    public void DetectsTheLanguageOfAQuestion(string question, Language expected)
    {
        Assert.Equal(expected, QuestionAnalyzer.Analyze(question, Index, Language.English).Language);
    }

    [Theory]
    [InlineData("Gesamtsumme?", Language.German)]
    [InlineData("Memphis Kosten?", Language.German)]
    [InlineData("funding total?", Language.English)]
    public void ReadsTheLanguageOfWordsTheStoryNeverUsesWhenTheUsersLanguageIsUnknown(string question, Language expected)
    {
        Assert.Equal(expected, QuestionAnalyzer.Analyze(question, Index, preferred: null).Language);
    }

    [Theory]
    [InlineData("Texas?", Language.German)]
    [InlineData("Gesamtsumme?", Language.English)]
    [InlineData("/sources reports", Language.German)]
    public void TheUsersOwnLanguageWeighsMoreThanTheLookOfWordsTheStoryNeverUses(string question, Language preferred)
    {
        Assert.Equal(preferred, QuestionAnalyzer.Analyze(question, Index, preferred).Language);
    }

    [Theory]
    [InlineData("gesamtsumme", 1)]
    [InlineData("zusammenfassung", 1)]
    [InlineData("something", -1)]
    [InlineData("abc", 0)]
    public void TellsWhichLanguageAWordLooksLike(string word, int lean)
    {
        Assert.Equal(lean, Index.WordLanguages.Lean(word));
    }

    [Fact]
    public void FallsBackWhenTheTextDoesNotTell()
    {
        Assert.Equal(Language.German, QuestionAnalyzer.Analyze("Stargate?", Index, Language.German).Language);
    }

    [Theory]
    [InlineData("how much money is in stargate", "Amount")]
    [InlineData("wie viel geld", "Amount")]
    [InlineData("when did altman reply", "Time")]
    [InlineData("an welchem Tag wurde Stargate vorgestellt", "Time")]
    [InlineData("where is the data centre", "Place")]
    [InlineData("what is this story about", "Overview")]
    [InlineData("what's the number softbank has", "Amount")]
    [InlineData("who is musk's source for the softbank number", "Person")]
    [InlineData("wann wurde die Zahl genannt", "Time")]
    public void ReadsWhatKindOfAnswerIsAsked(string question, string expected)
    {
        Assert.Equal(Enum.Parse<QuestionIntent>(expected), QuestionAnalyzer.Analyze(question, Index, Language.English).Intent);
    }

    [Fact]
    public void SplitsGermanCompoundsIntoWordsThePackKnows()
    {
        var question = QuestionAnalyzer.Analyze("Rechenzentrumsprojekt", Index, Language.German);

        Assert.Contains(question.Terms[0].Forms, Index.Contains);
    }

    /// <summary>A compound of a story word and a word without topic is the story word; one of two words the pack lacks stays unknown.</summary>
    [Theory]
    [InlineData("Milliardenbetrag", true)]
    [InlineData("Gesamtbetrag", true)]
    [InlineData("Arbeitsplätze", false)]
    [InlineData("Grafikkarten", false)]
    public void ReadsACompoundAsAStoryWordOnlyWhenThePackKnowsAPartWithTopic(string word, bool known)
    {
        var question = QuestionAnalyzer.Analyze(word, Index, Language.German);

        Assert.Equal(known, question.Terms[0].Known);
    }

    [Theory]
    [InlineData("so they're broke", "re")]
    [InlineData("we've got the money", "ve")]
    [InlineData("they'll pay", "ll")]
    [InlineData("they won't pay", "won")]
    [InlineData("it ain't funded", "ai")]
    [InlineData("stargate doesnt have the cash", "doesnt")]
    public void WritesOutContractionsSoTheirPartsAreNotReadAsWords(string text, string part)
    {
        var question = QuestionAnalyzer.Analyze(text, Index, Language.English);

        Assert.DoesNotContain(question.Terms, t => t.Word == part);
    }

    [Theory]
    [InlineData("altman", "altmann", 1, true)]
    [InlineData("nadella", "nadela", 1, true)]
    [InlineData("stargate", "stragate", 1, true)]
    [InlineData("musk", "mask", 0, false)]
    [InlineData("openai", "google", 2, false)]
    public void BoundsEditDistance(string a, string b, int maxEdits, bool within)
    {
        Assert.Equal(within, EditDistance.IsWithin(a, b, maxEdits));
    }
}
