using StoryBot.Core.Knowledge.Loading;

namespace StoryBot.Core.Tests.Knowledge.Loading;

/// <summary>Each kind of pack error is reported with its file, line and the offending text.</summary>
public sealed class PackValidationTests : IDisposable
{
    private readonly FixturePack _pack = new();

    public void Dispose() => _pack.Dispose();

    private IReadOnlyList<KnowledgePackError> Errors()
    {
        var result = KnowledgePackLoader.TryLoad(_pack.Path);
        Assert.Null(result.Pack);
        Assert.NotEmpty(result.Errors);
        return result.Errors;
    }

    /// <summary>Asserts the load failed with exactly one error, at <paramref name="file"/>:<paramref name="line"/>, saying all of <paramref name="says"/>.</summary>
    private KnowledgePackError OnlyError(string file, int line, params string[] says)
    {
        var errors = Errors();
        Assert.True(errors.Count == 1, "expected one error, got:\n" + string.Join("\n", errors));
        var error = errors[0];
        Assert.Equal(file, error.File);
        Assert.Equal(line, error.Line);
        foreach (var text in says)
        {
            Assert.Contains(text, error.Message, StringComparison.Ordinal);
        }

        return error;
    }

    public sealed class Syntax : IDisposable
    {
        private readonly PackValidationTests _t = new();

        public void Dispose() => _t.Dispose();

        [Fact]
        public void ReportsAYamlSyntaxErrorWithItsPosition()
        {
            _t._pack.Edit("entities.yaml", "  name: Sam Altman", "  name: \"Sam Altman");

            var error = _t.OnlyError("story/entities.yaml", 12, "YAML syntax error");
            Assert.True(error.Column > 0);
        }

        [Fact]
        public void ReportsABraceLeftOpenBeforeALessIndentedLine()
        {
            // YamlDotNet throws InvalidOperationException here rather than a YamlException.
            _t._pack.Edit("timeline.yaml", "- id: tuesday-musk", "- id: {");

            _t.OnlyError("story/timeline.yaml", 0, "YAML syntax error", "'{' or '[' is not closed");
        }

        [Fact]
        public void ReportsAKeyGivenTwiceInOneEntry()
        {
            _t._pack.Edit("entities.yaml", "  name: Sam Altman", "  name: Sam Altman\n  name: Samuel Altman");

            _t.OnlyError("story/entities.yaml", 13, "YAML syntax error", "Duplicate key");
        }

        [Fact]
        public void ReportsAnEmptyFile()
        {
            _t._pack.Write("timeline.yaml", "# nothing yet");

            _t.OnlyError("story/timeline.yaml", 0, "file is empty");
        }

        [Fact]
        public void ReportsAFileThatIsNotAList()
        {
            _t._pack.Write("timeline.yaml", "id: monday\norder: 1");

            _t.OnlyError("story/timeline.yaml", 1, "the file must be a list of entries, each starting with '- id: ...'; found a mapping");
        }

        [Fact]
        public void ReportsAMissingFile()
        {
            _t._pack.Delete("summary.yaml");

            _t.OnlyError("story/summary.yaml", 0, "file is missing");
        }

        [Fact]
        public void ReportsAMisnamedPackFileWithTheNameItProbablyMeant()
        {
            _t._pack.Write("entites.yaml", "[]");

            _t.OnlyError("story/entites.yaml", 0, "unknown pack file", "did you mean entities.yaml?");
        }

        [Fact]
        public void ReportsAFactFileWithTheShortExtension()
        {
            _t._pack.Write("facts/places.yml", "[]");

            _t.OnlyError("story/facts/places.yml", 0, "pack files end in .yaml");
        }

        [Fact]
        public void ReportsAFactFileThatIsNotATopic()
        {
            _t._pack.Write("facts/fundng.yaml", "[]");

            _t.OnlyError("story/facts/fundng.yaml", 0, "unknown fact topic 'fundng'", "did you mean funding.yaml?");
        }

        [Fact]
        public void ReportsAFactFileOfATopicTheStoryDoesNotDefine()
        {
            _t._pack.Edit("story.yaml", "  places:\n    name: {en: \"the places\", de: \"die Orte\"}\n", "");
            _t._pack.Write("facts/places.yaml", """
                - id: stargate-place
                  statement: {en: "Stargate builds in the US.", de: "Stargate baut in den USA."}
                  attribution: {kind: reported}
                  citations: [up-to-500bn]
                """);

            _t.OnlyError("story/facts/places.yaml", 0, "unknown fact topic 'places'; fact files are named after a topic of story.yaml: funding, dispute, people, timeline");
        }
    }

    public sealed class Keys : IDisposable
    {
        private readonly PackValidationTests _t = new();

        public void Dispose() => _t.Dispose();

        [Fact]
        public void ReportsAMisspeltKeyOnceWithTheKeyItProbablyMeant()
        {
            _t._pack.Edit("entities.yaml", "  citations: [no-money]", "  citaions: [no-money]");

            var error = _t.OnlyError("story/entities.yaml", 8, "entity 'musk': unknown key 'citaions'", "did you mean 'citations'?");
            Assert.Equal(3, error.Column);
        }

        [Fact]
        public void ReportsAnUnknownKeyInANestedMapping()
        {
            _t._pack.Edit("facts/funding.yaml", "    by: musk", "    by: musk\n    source: tweet");

            _t.OnlyError("story/facts/funding.yaml", 17, "fact 'musk-no-money': 'attribution': unknown key 'source'", "allowed keys: kind, by");
        }

        [Fact]
        public void DoesNotTakeAnotherLanguageForATypo()
        {
            _t._pack.Edit("facts/dispute.yaml", "    de: \"Altman sagt, Musk liege falsch.\"", "    fr: \"Altman dit que Musk a tort.\"");

            var errors = _t.Errors();

            Assert.Equal(
                [
                    "fact 'altman-wrong': 'statement' has no German text ('de') — `    en: \"Altman says Musk is wrong.\"`",
                    "fact 'altman-wrong': 'statement': unknown key 'fr'; allowed keys: en, de — `    fr: \"Altman dit que Musk a tort.\"`",
                ],
                errors.Select(e => e.Message));
        }

        [Fact]
        public void ReportsAMissingKeyAtTheEntry()
        {
            _t._pack.Edit("entities.yaml", "  name: Stargate\n", "");

            _t.OnlyError("story/entities.yaml", 19, "entity 'stargate': missing key 'name'");
        }
    }

    public sealed class Quotes : IDisposable
    {
        private readonly PackValidationTests _t = new();

        public void Dispose() => _t.Dispose();

        [Fact]
        public void ReportsAQuoteThatIsNotVerbatimWithTheNearestPassage()
        {
            _t._pack.Edit("excerpts.yaml", "quote: \"Die Partner haben zunächst 100", "quote: \"Die Partner haben zuerst 100");

            _t.OnlyError(
                "story/excerpts.yaml",
                13,
                "excerpt 'committed-100bn': quote \"Die Partner haben zuerst 100 Milliarden US-Dollar zugesagt.\" is not verbatim in source 'story'",
                "did you mean (paragraph 2): \"Die Partner haben zunächst 100 Milliarden US-Dollar zugesagt.\"");
        }

        [Fact]
        public void PointsAtTheFirstCharacterWhereAQuoteDiffers()
        {
            // Straight quotation marks where the source has German typographic ones: the commonest slip.
            _t._pack.Edit("excerpts.yaml", "quote: \"„Sie haben eigentlich nicht das Geld“, schrieb", "quote: \"\\\"Sie haben eigentlich nicht das Geld\\\", schrieb");

            _t.OnlyError(
                "story/excerpts.yaml",
                18,
                "did you mean (paragraph 3): \"„Sie haben eigentlich nicht das Geld“, schrieb Musk am Dienstag.\"",
                "differ first at character 1: the quote has '\"' (U+0022) where the source has '„' (U+201E)");
        }

        [Fact]
        public void SuggestsNothingWhenNoPassageIsClose()
        {
            _t._pack.Edit("excerpts.yaml", "quote: \"Die Partner haben zunächst 100 Milliarden US-Dollar zugesagt.\"", "quote: \"Microsoft baut ein Rechenzentrum in Wisconsin.\"");

            var error = _t.OnlyError("story/excerpts.yaml", 13, "is not verbatim in source 'story'", "no passage of the source is close to it");
            Assert.DoesNotContain("did you mean", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void SuggestsTheWholeSentenceOfTheRealStoryForAMisspeltQuote()
        {
            using var story = FixturePack.WithRealSourceAndExcerpts();
            story.Edit("excerpts.yaml", "Musk ist natürlich keine neutrale Partei.", "Musk ist natuerlich keine neutrale Partei.");

            var error = Assert.Single(KnowledgePackLoader.TryLoad(story.Path).Errors);

            Assert.Equal("story/excerpts.yaml", error.File);
            Assert.Contains(
                "did you mean (paragraph 6): \"Musk ist natürlich keine neutrale Partei.\"; they differ first at character 13: the quote has 'u' (U+0075) where the source has 'ü' (U+00FC)",
                error.Message,
                StringComparison.Ordinal);
        }

        [Fact]
        public void RefusesAQuoteFromALineMarkedNotContent()
        {
            _t._pack.Edit("excerpts.yaml", "quote: \"Musk und Altman streiten über Stargate\"", "quote: \"tch-1-tech\"");

            _t.OnlyError("story/excerpts.yaml", 3, "quote \"tch-1-tech\" lies in the line \"tch-1-tech\"", "marked not_content (Stray tracking tag.)");
        }

        [Fact]
        public void RefusesAQuoteThatRunsAcrossTwoParagraphs()
        {
            _t._pack.Edit("excerpts.yaml", "quote: \"Musk und Altman streiten über Stargate\"", "quote: \"streiten über Stargate Stargate soll bis\"");

            _t.OnlyError("story/excerpts.yaml", 3, "runs from paragraph 1 of source 'story' into the next one");
        }

        [Fact]
        public void ReportsAQuoteFromASourceThatDoesNotExist()
        {
            _t._pack.Edit("excerpts.yaml", "- id: wrong\n  source: story", "- id: wrong\n  source: storyy");

            _t.OnlyError("story/excerpts.yaml", 22, "excerpt 'wrong': source 'storyy' does not exist", "'story'");
        }

        [Fact]
        public void ReportsAFlagOnAParagraphTheSourceDoesNotHave()
        {
            _t._pack.Edit("sources/story.yaml", "paragraph: 4", "paragraph: 5");

            _t.OnlyError("story/sources/story.yaml", 12, "flag for paragraph 5, but the source has paragraphs 1 to 4");
        }

        [Fact]
        public void ReportsAPublicationTimeThatIsNotADate()
        {
            _t._pack.Edit("sources/story.yaml", "kind: news-article", "kind: news-article\npublished: \"last Tuesday\"");

            _t.OnlyError("story/sources/story.yaml", 7, "'published' must be a date or a time in ISO 8601", "\"last Tuesday\"");
        }

        [Fact]
        public void ReportsAPublicationDayTheCalendarDoesNotHave()
        {
            // The schema checks the form; that February has no 30th only the calendar knows.
            _t._pack.Edit("sources/story.yaml", "kind: news-article", "kind: news-article\npublished: 2025-02-30");

            _t.OnlyError("story/sources/story.yaml", 7, "source 'story': 'published' must be a date or a time in ISO 8601", "\"2025-02-30\"");
        }

        [Fact]
        public void ReadsThePublicationTimeInUtc()
        {
            _t._pack.Edit("sources/story.yaml", "kind: news-article", "kind: news-article\npublished: 2025-01-23T09:30:00+01:00");

            var pack = KnowledgePackLoader.Load(_t._pack.Path);

            Assert.Equal(new DateTimeOffset(2025, 1, 23, 8, 30, 0, TimeSpan.Zero), pack.Sources[0].Published);
        }

        [Fact]
        public void ReportsANotContentLineTheTextDoesNotHave()
        {
            _t._pack.Edit("sources/story.yaml", "text: \"tch-1-tech\"", "text: \"tch-2-tech\"");

            var errors = _t.Errors();

            // The stray line is now content, so it becomes paragraph 3 and the flag moves with it: both are stated.
            Assert.Contains(errors, e => e.File == "story/sources/story.yaml" && e.Line == 9 && e.Message.Contains("not_content line \"tch-2-tech\" is not a line of story.de.txt", StringComparison.Ordinal));
        }
    }

    public sealed class Ids : IDisposable
    {
        private readonly PackValidationTests _t = new();

        public void Dispose() => _t.Dispose();

        [Fact]
        public void ReportsADuplicateEntityIdWithWhereItWasFirstDefined()
        {
            File.AppendAllText(
                Path.Combine(_t._pack.Path, "entities.yaml"),
                "\n- id: musk\n  kind: person\n  name: Musk\n  role: {en: Again., de: Nochmal.}\n  citations: [no-money]\n");

            _t.OnlyError("story/entities.yaml", 27, "duplicate entity id 'musk' (first defined at story/entities.yaml:1)");
        }

        [Fact]
        public void ReportsADuplicateExcerptId()
        {
            _t._pack.Edit("excerpts.yaml", "- id: wrong", "- id: headline");

            var errors = _t.Errors();

            Assert.Contains(errors, e => e.Line == 21 && e.Message.Contains("duplicate excerpt id 'headline' (first defined at story/excerpts.yaml:1)", StringComparison.Ordinal));
        }

        [Fact]
        public void ReportsADuplicateFactIdAcrossTopicFiles()
        {
            _t._pack.Edit("facts/dispute.yaml", "- id: altman-wrong", "- id: up-to-500bn");

            _t.OnlyError("story/facts/dispute.yaml", 1, "duplicate fact id 'up-to-500bn' (first defined at story/facts/funding.yaml:1)");
        }

        [Fact]
        public void ReportsACitationOfAMissingExcerptWithTheNearestIds()
        {
            _t._pack.Edit("facts/funding.yaml", "citations: [up-to-500bn]", "citations: [upto-500bn]");

            _t.OnlyError("story/facts/funding.yaml", 8, "fact 'up-to-500bn': citation 'upto-500bn' does not exist", "nearest excerpt ids: 'up-to-500bn'");
        }

        [Fact]
        public void ReportsAnAttributionToAMissingEntity()
        {
            _t._pack.Edit("facts/funding.yaml", "by: musk", "by: elon");

            _t.OnlyError("story/facts/funding.yaml", 16, "fact 'musk-no-money': attribution.by entity 'elon' does not exist");
        }

        [Fact]
        public void ReportsAFactAboutAMissingEntity()
        {
            _t._pack.Edit("facts/dispute.yaml", "entities: [altman, musk]", "entities: [altman, musc]");

            _t.OnlyError("story/facts/dispute.yaml", 8, "fact 'altman-wrong': entity 'musc' does not exist", "'musk'");
        }

        [Fact]
        public void ReportsANameThatLeadsToTwoEntities()
        {
            _t._pack.Edit("entities.yaml", "aliases: [Altman, Altmann]", "aliases: [Altman, Altmann, elon]");

            _t.OnlyError("story/entities.yaml", 13, "entity 'altman': the name \"elon\" is already a name or alias of entity 'musk'");
        }

        [Fact]
        public void ReportsAnIdWithSpaces()
        {
            _t._pack.Edit("timeline.yaml", "- id: tuesday-musk", "- id: tuesday musk");

            _t.OnlyError("story/timeline.yaml", 1, "timeline entry 'tuesday musk': 'id' must not contain spaces; found \"tuesday musk\"", "— `- id: tuesday musk`");
        }
    }

    public sealed class Translations : IDisposable
    {
        private readonly PackValidationTests _t = new();

        public void Dispose() => _t.Dispose();

        [Fact]
        public void ReportsAnEmptyGermanText()
        {
            _t._pack.Edit("facts/dispute.yaml", "    de: \"Altman sagt, Musk liege falsch.\"", "    de: \"\"");

            _t.OnlyError("story/facts/dispute.yaml", 4, "fact 'altman-wrong': 'statement' has no German text ('de')");
        }

        [Fact]
        public void ReportsAMissingEnglishText()
        {
            _t._pack.Edit("timeline.yaml", "    en: Wednesday\n", "");

            _t.OnlyError("story/timeline.yaml", 14, "timeline entry 'wednesday-altman': 'day' has no English text ('en')");
        }

        [Fact]
        public void ReportsAnEmptyTranslationOfAnExcerpt()
        {
            _t._pack.Edit("excerpts.yaml", "translation: \"“Wrong, as you surely know.”\"", "translation: \" \"");

            _t.OnlyError("story/excerpts.yaml", 24, "excerpt 'wrong': 'translation' is empty");
        }

        [Fact]
        public void ReportsCuratedQuestionsThatAreNotAList()
        {
            _t._pack.Edit("excerpts.yaml", "translation: \"“Wrong, as you surely know.”\"", "translation: \"“Wrong, as you surely know.”\"\n  asked: \"was altman wrong?\"");

            _t.OnlyError("story/excerpts.yaml", 25, "excerpt 'wrong': 'asked' must be a list");
        }
    }

    public sealed class Citations : IDisposable
    {
        private readonly PackValidationTests _t = new();

        public void Dispose() => _t.Dispose();

        [Fact]
        public void RefusesAFactWithAnEmptyCitationList()
        {
            _t._pack.Edit("facts/dispute.yaml", "citations: [wrong]", "citations: []");

            _t.OnlyError("story/facts/dispute.yaml", 9, "fact 'altman-wrong': 'citations' is empty; at least one is required");
        }

        [Fact]
        public void RefusesAnEntityWithoutCitations()
        {
            _t._pack.Edit("entities.yaml", "  citations: [up-to-500bn, committed-100bn]\n", "");

            _t.OnlyError("story/entities.yaml", 19, "entity 'stargate': missing key 'citations'");
        }

        [Fact]
        public void RefusesATimelineEntryWithoutCitations()
        {
            _t._pack.Edit("timeline.yaml", "  citations: [wrong]\n", "");

            _t.OnlyError("story/timeline.yaml", 11, "timeline entry 'wednesday-altman': missing key 'citations'");
        }

        [Fact]
        public void RefusesCitationsWrittenAsASingleId()
        {
            _t._pack.Edit("summary.yaml", "citations: [headline, no-money, wrong]", "citations: headline");

            _t.OnlyError("story/summary.yaml", 4, "summary: 'citations' must be a list, e.g. [a, b]; found the text \"headline\"");
        }
    }

    public sealed class Choices : IDisposable
    {
        private readonly PackValidationTests _t = new();

        public void Dispose() => _t.Dispose();

        [Fact]
        public void ReportsAnUnknownEntityKindWithTheAllowedOnes()
        {
            _t._pack.Edit("entities.yaml", "  kind: project", "  kind: projekt");

            _t.OnlyError("story/entities.yaml", 20, "entity 'stargate': unknown kind 'projekt' (did you mean 'project'?)", "allowed: person, organisation, project, place, event, product");
        }

        [Fact]
        public void ReportsAnUnknownAttributionKind()
        {
            _t._pack.Edit("facts/dispute.yaml", "kind: rebutted", "kind: says");

            _t.OnlyError("story/facts/dispute.yaml", 6, "fact 'altman-wrong': 'attribution': unknown kind 'says'", "allowed: reported, claimed, rebutted, estimated, announced");
        }

        [Fact]
        public void ReportsATimelineOrderThatIsNotANumber()
        {
            _t._pack.Edit("timeline.yaml", "order: 2", "order: second");

            _t.OnlyError("story/timeline.yaml", 12, "'order' must be a whole number; found \"second\"");
        }

        [Fact]
        public void ReportsTwoTimelineEntriesWithTheSameOrder()
        {
            _t._pack.Edit("timeline.yaml", "order: 2", "order: 1");

            _t.OnlyError("story/timeline.yaml", 12, "order 1 is already used by timeline entry 'tuesday-musk'");
        }
    }

    public sealed class ManyErrors : IDisposable
    {
        private readonly PackValidationTests _t = new();

        public void Dispose() => _t.Dispose();

        [Fact]
        public void ReportsEveryErrorOfEveryFileInOnePass()
        {
            _t._pack.Edit("excerpts.yaml", "zunächst 100", "zuerst 100");
            _t._pack.Edit("entities.yaml", "  kind: project", "  kind: projekt");
            _t._pack.Edit("facts/funding.yaml", "by: musk", "by: elon");
            _t._pack.Edit("facts/dispute.yaml", "citations: [wrong]", "citaions: [wrong]");
            _t._pack.Edit("timeline.yaml", "    de: Mittwoch", "    de: \"\"");
            _t._pack.Edit("summary.yaml", "no-money", "no-mony");

            var errors = _t.Errors();

            Assert.Equal(
                [
                    ("story/entities.yaml", 20),
                    ("story/excerpts.yaml", 13),
                    ("story/facts/dispute.yaml", 9),
                    ("story/facts/funding.yaml", 16),
                    ("story/summary.yaml", 4),
                    ("story/timeline.yaml", 15),
                ],
                errors.Select(e => (e.File, e.Line)));
        }

        [Fact]
        public void ThrowsOneExceptionWhoseMessageListsEveryErrorOnItsOwnLine()
        {
            _t._pack.Edit("facts/funding.yaml", "by: musk", "by: elon");
            _t._pack.Edit("summary.yaml", "no-money", "no-mony");

            var exception = Assert.Throws<KnowledgePackException>(() => KnowledgePackLoader.Load(_t._pack.Path));

            var lines = exception.Message.Split(Environment.NewLine);
            Assert.Equal(3, lines.Length);
            Assert.Equal($"The knowledge pack at {_t._pack.Path} is invalid (2 errors):", lines[0]);
            Assert.StartsWith("story/facts/funding.yaml:16:", lines[1], StringComparison.Ordinal);
            Assert.Contains("attribution.by entity 'elon' does not exist", lines[1], StringComparison.Ordinal);
            Assert.StartsWith("story/summary.yaml:4:", lines[2], StringComparison.Ordinal);
            Assert.Contains("citation 'no-mony' does not exist", lines[2], StringComparison.Ordinal);
            Assert.Equal(2, exception.Errors.Count);
        }
    }
}
