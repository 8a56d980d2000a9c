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
        Assert.Equal("The money behind Stargate", story.Topic("funding").Heading?.In(Language.English));
        Assert.Null(story.Topic("dispute").Heading);
        Assert.Equal("den Streit", story.Topic("dispute").Name.In(Language.German));
    }

    [Fact]
    public void ReadsTheTopicsInFileOrderWithTheirCommandsSummarySectionsAndRoles()
    {
        var story = KnowledgePackLoader.Load(_pack.Path).Story;

        Assert.Equal(["funding", "dispute", "people", "timeline", "places"], story.Topics.Select(t => t.Id));
        var funding = story.Topic("funding");
        Assert.Equal("funding", funding.Command?.CommandName);
        Assert.Equal("finanzierung", funding.Command?.Name.In(Language.German));
        Assert.Equal("Das Geld hinter Stargate.", funding.Command?.Description.In(Language.German));
        Assert.Equal("the money and who says so", funding.Command?.Help.In(Language.English));
        Assert.Equal("Das Geld:", funding.Summary?.Label.In(Language.German));
        Assert.True(funding.Summary?.FiguresOnly);
        Assert.False(funding.Summary?.ArticleVoiceFirst);
        Assert.True(story.Topic("dispute").Summary?.ArticleVoiceFirst);
        Assert.Equal(["dispute", "people"], story.Topics.Where(t => t.Speakers).Select(t => t.Id));
        Assert.Equal("people", story.TopicWith(TopicRole.People)?.Id);
        Assert.All(story.Topics.Skip(2), topic => Assert.Null(topic.Command));
        Assert.All(story.Topics.Skip(2), topic => Assert.Null(topic.Summary));
    }

    [Fact]
    public void AStoryOfOtherTopicsDefinesOtherTopicsAndNoCommandOrSectionItDoesNotName()
    {
        _pack.Write("story.yaml", FixturePack.Story[..FixturePack.Story.IndexOf("topics:", StringComparison.Ordinal)] + """
            topics:
              money:
                name: {en: "the money", de: "das Geld"}
                command:
                  name: {en: "money", de: "geld"}
                  description: {en: "The money.", de: "Das Geld."}
                  help: {en: "the money", de: "das Geld"}
              funding:
                name: {en: "the funding", de: "die Finanzierung"}
              dispute:
                name: {en: "the dispute", de: "den Streit"}
                summary:
                  label: {en: "The fight:", de: "Der Kampf:"}
            """);

        var story = KnowledgePackLoader.Load(_pack.Path).Story;

        Assert.Equal(["money", "funding", "dispute"], story.Topics.Select(t => t.Id));
        Assert.Equal(["money"], story.Topics.Select(t => t.Command?.CommandName).OfType<string>());
        Assert.Equal(["dispute"], story.Topics.Where(t => t.Summary is not null).Select(t => t.Id));
        Assert.Null(story.TopicWith(TopicRole.People));
        Assert.DoesNotContain(story.Topics, t => t.Speakers);
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
        { "a topic without a name", "  timeline:\n    name: {en: \"what happened when\", de: \"was wann geschah\"}\n", "  timeline:\n    heading: {en: \"What happened when\", de: \"Was wann geschah\"}\n", 46, "story: 'topics': 'timeline': missing key 'name'" },
        { "a topic id that cannot name a file", "  places:\n", "  the places:\n", 47, "'the places' is not a topic id" },
        { "a misspelt key of a topic", "    role: people", "    rol: people", 44, "unknown key 'rol' (did you mean 'role'?)" },
        { "a command name no platform takes", "      name: {en: \"dispute\", de: \"streit\"}", "      name: {en: \"The Dispute\", de: \"streit\"}", 34, "is not a command name" },
        { "a command without its help line", "      help: {en: \"both sides\", de: \"beide Seiten\"}\n", "", 34, "story: 'topics': 'dispute': 'command': missing key 'help'" },
        { "a flag that is not true or false", "      figures_only: true", "      figures_only: yes", 30, "story: 'topics': 'funding': 'summary': unknown figures_only 'yes'; allowed: true, false" },
        { "a role the engine does not know", "    role: people", "    role: places", 44, "story: 'topics': 'people': unknown role 'places'" },
        { "a plain text where a text per language belongs", "who_is_example:\n  en: \"Sam Altman\"\n  de: \"Sam Altman\"", "who_is_example: \"Sam Altman\"", 14, "story: 'who_is_example' must be a mapping of language codes to texts" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    [MemberData(nameof(MistakesAcrossTopics))]
    public void ReportsAMistakeWithItsLineAndText(string mistake, string from, string to, int line, string says)
    {
        _pack.Edit("story.yaml", from, to);

        OnlyError(line, says, because: mistake);
    }

    /// <summary>Mistakes about the topics as a whole, which only the loader sees: the file meets the schema (<see cref="StorySchemaTests"/>).</summary>
    public static TheoryData<string, string, string, int, string> MistakesAcrossTopics => new()
    {
        { "a command named like another topic's", "      name: {en: \"dispute\", de: \"streit\"}", "      name: {en: \"funding\", de: \"streit\"}", 34, "story: 'topics': 'dispute': 'command': 'en' name 'funding' is already the command of topic 'funding'" },
        { "a command's German name another topic's", "      name: {en: \"dispute\", de: \"streit\"}", "      name: {en: \"dispute\", de: \"finanzierung\"}", 34, "story: 'topics': 'dispute': 'command': 'de' name 'finanzierung' is already the command of topic 'funding'" },
        { "a command named like one of the bot's own", "      name: {en: \"dispute\", de: \"streit\"}", "      name: {en: \"help\", de: \"streit\"}", 34, "story: 'topics': 'dispute': 'command': 'help' is one of the bot's own commands (ask, who-is, timeline, summary, whats-new, sources, moderate, report, help)" },
        { "a role two topics claim", "    name: {en: \"the places\", de: \"die Orte\"}\n", "    name: {en: \"the places\", de: \"die Orte\"}\n    role: people\n", 49, "story: 'topics': 'places': role 'people' is already topic 'people''s; a role belongs to one topic" },
    };

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

        OnlyError(51, "story: 'synonyms' entry 2 needs at least two words, separated by spaces; found \"geld\"");
    }

    [Fact]
    public void ReadsTheRepositoryStory()
    {
        var story = KnowledgePackLoader.Load(RepoRoot.Story).Story;

        Assert.Equal("stargate-dispute", story.Id);
        Assert.Equal(["funding", "dispute", "people", "timeline", "places"], story.Topics.Select(t => t.Id));
        Assert.All(story.Topics, topic => Assert.NotEmpty(topic.Name.In(Language.German)));
        Assert.Equal(["funding", "dispute"], story.Topics.Select(t => t.Command?.CommandName).OfType<string>());
        Assert.Equal(["The money:", "The dispute:"], story.Topics.Select(t => t.Summary?.Label.In(Language.English)).OfType<string>());
        Assert.Equal("people", story.TopicWith(TopicRole.People)?.Id);
    }
}
