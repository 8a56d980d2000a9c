using StoryBot.Core.Knowledge.Loading;

namespace StoryBot.Core.Tests.Knowledge.Loading;

/// <summary>
/// What a pack file's schema refuses, the loader reports as any of its errors: at the file and line of
/// the value, in a curator's words, followed by the line as it stands in the file.
/// </summary>
public sealed class SchemaMessagesTests : IDisposable
{
    private readonly FixturePack _pack = new();

    public void Dispose() => _pack.Dispose();

    private KnowledgePackError OnlyError()
    {
        var result = KnowledgePackLoader.TryLoad(_pack.Path);
        Assert.Null(result.Pack);
        Assert.True(result.Errors.Count == 1, "expected one error, got:\n" + string.Join("\n", result.Errors));
        return result.Errors[0];
    }

    [Fact]
    public void AValueOfTheWrongTypeNamesTheKeyWhatItMustBeAndWhatWasFound()
    {
        _pack.Edit("summary.yaml", "citations: [headline, no-money, wrong]", "citations: headline");

        var error = OnlyError();

        Assert.Equal(
            "story/summary.yaml:4:12: summary: 'citations' must be a list, e.g. [a, b]; found the text \"headline\" — `citations: headline`",
            error.ToString());
    }

    [Fact]
    public void ANumberWhereATextPerLanguageBelongsIsAWrongType()
    {
        _pack.Edit("timeline.yaml", "  day:\n    en: Tuesday\n    de: Dienstag", "  day: 3");

        var error = OnlyError();

        Assert.Equal(("story/timeline.yaml", 3), (error.File, error.Line));
        Assert.Equal("timeline entry 'tuesday-musk': 'day' must be a mapping with the keys en, de; found the text \"3\" — `  day: 3`", error.Message);
    }

    [Fact]
    public void AChoiceLeftEmptyIsReportedAsEmptyNotAsAnUnknownChoice()
    {
        _pack.Edit("entities.yaml", "  kind: project", "  kind:");

        var error = OnlyError();

        Assert.Equal("story/entities.yaml:20:8: entity 'stargate': 'kind' is empty — `  kind:`", error.ToString());
    }

    [Fact]
    public void AMissingRequiredKeyIsReportedAtTheStartOfItsEntry()
    {
        _pack.Edit("excerpts.yaml", "  quote: \"Musk und Altman streiten über Stargate\"\n", "");

        var error = OnlyError();

        Assert.Equal("story/excerpts.yaml:1:3: excerpt 'headline': missing key 'quote' — `- id: headline`", error.ToString());
    }

    [Fact]
    public void AnUnknownKeyIsReportedAtTheKeyWithTheKeyItProbablyMeantAndTheAllowedOnes()
    {
        _pack.Edit("sources/story.yaml", "kind: news-article", "kind: news-article\npublishd: 2025-01-23");

        var error = OnlyError();

        Assert.Equal(
            "story/sources/story.yaml:7:1: source 'story': unknown key 'publishd' (did you mean 'published'?); allowed keys: id, title, title_en, outlet, language, kind, published, file, not_content, flags — `publishd: 2025-01-23`",
            error.ToString());
    }

    [Fact]
    public void AnIdThatDoesNotMatchItsPatternIsReportedOnceNotAlsoAsAMissingEntity()
    {
        _pack.Edit("facts/funding.yaml", "    by: musk", "    by: elon musk");

        var error = OnlyError();

        Assert.Equal(
            "story/facts/funding.yaml:16:9: fact 'musk-no-money': 'attribution': 'by' must not contain spaces; found \"elon musk\" — `    by: elon musk`",
            error.ToString());
    }

    [Fact]
    public void AFlagOnParagraphZeroSaysParagraphsCountFromOne()
    {
        _pack.Edit("sources/story.yaml", "paragraph: 4", "paragraph: 0");

        var error = OnlyError();

        Assert.Equal(("story/sources/story.yaml", 12), (error.File, error.Line));
        Assert.StartsWith("source 'story': 'flags' entry 1: 'paragraph' must be a whole number from 1", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("found \"0\" — `  - paragraph: 0`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeyThatIsNotPlainTextIsReportedAtTheKey()
    {
        _pack.Edit("summary.yaml", "text:", "? [a, b]\n: 1\ntext:");

        var error = OnlyError();

        Assert.Equal("story/summary.yaml:1:3: a key must be plain text; found a list — `? [a, b]`", error.ToString());
    }

    [Fact]
    public void AListThatHoldsItselfIsReportedNotFollowedForever()
    {
        _pack.Edit("entities.yaml", "aliases: [Altman, Altmann]", "aliases: &x [*x]");

        var errors = KnowledgePackLoader.TryLoad(_pack.Path).Errors;

        Assert.Contains(errors, e => e.File == "story/entities.yaml" && e.Line == 13 && e.Message.StartsWith("nested more than 32 levels deep", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryProblemOfAFileIsReportedInOnePass()
    {
        _pack.Edit("entities.yaml", "  kind: project", "  kind: projekt");
        _pack.Edit("entities.yaml", "  name: Sam Altman", "  name: [Sam Altman]");
        _pack.Edit("entities.yaml", "  citations: [no-money]", "  citations: []");

        var errors = KnowledgePackLoader.TryLoad(_pack.Path).Errors;

        Assert.Equal([8, 12, 20], errors.Select(e => e.Line));
        Assert.All(errors, e => Assert.Equal("story/entities.yaml", e.File));
        Assert.All(errors, e => Assert.Contains(" — `", e.Message, StringComparison.Ordinal));
    }
}
