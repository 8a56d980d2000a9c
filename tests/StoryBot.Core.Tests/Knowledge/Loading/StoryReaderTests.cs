using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;

using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Knowledge.Loading;

/// <summary>story.yaml: what the bot says about the story, each text a mapping of language codes to texts.</summary>
public sealed class StoryReaderTests : IDisposable
{
    private readonly FixturePack _pack = new();

    public void Dispose() => _pack.Dispose();

    private void OnlyError(int line, string says, string because = "")
    {
        var result = KnowledgePackLoader.TryLoad(_pack.Path);
        Assert.Null(result.Pack);
        Assert.True(result.Errors.Count == 1, $"expected one error for {because}, got:\n" + string.Join("\n", result.Errors));
        var error = result.Errors[0];
        Assert.Equal("story/story.yaml", error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadsTheProfileWithTheFolderNameAsTheStoryId()
    {
        var story = KnowledgePackLoader.Load(_pack.Path).Story;

        Assert.Equal("story", story.Id);
        Assert.Equal("Musk and Altman fight over Stargate", story.Title.In(Language.English));
        Assert.Equal("Ich beantworte Fragen zu Musk, Altman und Stargate.", story.Help.In(Language.German));
        Assert.Equal("The money behind Stargate", story.Topic(Topic.Funding).Heading?.In(Language.English));
        Assert.Null(story.Topic(Topic.Dispute).Heading);
        Assert.Equal("den Streit", story.Topic(Topic.Dispute).Name.In(Language.German));
    }

    [Fact]
    public void AcceptsAThirdLanguageAndFallsBackToEnglishForALanguageNotGiven()
    {
        _pack.Edit("story.yaml", "  de: \"Musk und Altman streiten über das Geld von Stargate.\"\n", "  de: \"Musk und Altman streiten über das Geld von Stargate.\"\n  fr: \"Musk et Altman se disputent l'argent de Stargate.\"\n");

        var description = KnowledgePackLoader.Load(_pack.Path).Story.Description;

        Assert.Equal("Musk et Altman se disputent l'argent de Stargate.", description.In("fr"));
        Assert.Equal("Musk and Altman fighting over Stargate's money.", description.In("it"));
        Assert.Equal(["en", "de", "fr"], description.Languages);
    }

    [Fact]
    public void ReportsAMissingStoryFile()
    {
        _pack.Delete("story.yaml");

        OnlyError(0, "file is missing");
    }

    /// <summary>Mistakes a curator makes in story.yaml: what it is, the edit, and the line and text of the one error it gives.</summary>
    public static TheoryData<string, string, string, int, string> Mistakes => new()
    {
        { "a missing German text", "  de: \"Ich beantworte Fragen zu Musk, Altman und Stargate.\"\n", "", 12, "story: 'help' has no German text ('de')" },
        { "an empty text", "  en: \"ask about Musk and Altman.\"", "  en: \"\"", 18, "story: 'greeting' has no English text ('en')" },
        { "a key that is no language code", "  de: \"Musk und Altman streiten über Stargate\"\n", "  de: \"Musk und Altman streiten über Stargate\"\n  English: \"Musk and Altman\"\n", 5, "story: 'title': 'English' is not a language code" },
        { "a misspelt key, reported once", "who_is_example:", "who_is_exampel:", 14, "story: unknown key 'who_is_exampel' (did you mean 'who_is_example'?)" },
        { "a topic without a name", "  places:\n    name: {en: \"the places\", de: \"die Orte\"}\n", "", 21, "story: 'topics': missing key 'places'" },
        { "a plain text where a text per language belongs", "who_is_example:\n  en: \"Sam Altman\"\n  de: \"Sam Altman\"", "who_is_example: \"Sam Altman\"", 14, "story: 'who_is_example' must be a mapping of language codes to texts" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void ReportsAMistakeWithItsLineAndText(string mistake, string from, string to, int line, string says)
    {
        _pack.Edit("story.yaml", from, to);

        OnlyError(line, says, because: mistake);
    }

    [Fact]
    public void ReadsSynonymGroupsAsWordsSeparatedBySpaces()
    {
        _pack.Edit("story.yaml", "    name: {en: \"the places\", de: \"die Orte\"}\n", "    name: {en: \"the places\", de: \"die Orte\"}\nsynonyms:\n  - \"money cash  geld\"\n  - \"fight feud streit\"\n");

        var story = KnowledgePackLoader.Load(_pack.Path).Story;

        Assert.Equal([["money", "cash", "geld"], ["fight", "feud", "streit"]], story.Synonyms);
    }

    [Fact]
    public void ReportsASynonymGroupOfOneWord()
    {
        _pack.Edit("story.yaml", "    name: {en: \"the places\", de: \"die Orte\"}\n", "    name: {en: \"the places\", de: \"die Orte\"}\nsynonyms:\n  - \"money cash\"\n  - \"geld\"\n");

        OnlyError(34, "story: 'synonyms' entry 2 needs at least two words, separated by spaces; found \"geld\"");
    }

    [Fact]
    public void ReadsTheRepositoryStory()
    {
        var story = KnowledgePackLoader.Load(RepoRoot.Story).Story;

        Assert.Equal("stargate-dispute", story.Id);
        Assert.All(Enum.GetValues<Topic>(), topic => Assert.NotEmpty(story.Topic(topic).Name.In(Language.German)));
    }
}
