using System.Text.Json.Nodes;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Knowledge.Loading;

/// <summary>
/// Every pack file names its JSON Schema on its first line, so curators' editors check it while they type,
/// and each schema refuses what the loader refuses, as far as a schema can say it.
/// </summary>
public sealed class PackSchemaTests : IDisposable
{
    /// <summary>Each kind of pack file: its schema and where its files lie in a story folder.</summary>
    private static readonly (string Schema, string Folder, string Pattern)[] Kinds =
    [
        ("story.schema.json", "", StoryReader.FileName),
        ("source.schema.json", "sources", "*.yaml"),
        ("excerpts.schema.json", "", ExcerptReader.FileName),
        ("entities.schema.json", "", EntityReader.FileName),
        ("facts.schema.json", FactReader.Folder, "*.yaml"),
        ("timeline.schema.json", "", TimelineReader.FileName),
        ("summary.schema.json", "", SummaryReader.FileName),
    ];

    /// <summary>The $defs every schema that has them gives alike; a change to one is a change to all.</summary>
    private static readonly string[] SharedDefinitions = ["text", "id", "en_de", "citations"];

    private readonly FixturePack _pack = new();

    public void Dispose() => _pack.Dispose();

    public static TheoryData<string> Schemas => [.. Kinds.Select(k => k.Schema)];

    /// <summary>
    /// Mistakes a curator makes in the fixture pack, taken from the loader's tests: the file, what it is and the edit.
    /// (story.yaml's are <see cref="StoryReaderTests.Mistakes"/>.)
    /// </summary>
    public static TheoryData<string, string, string, string> Mistakes => new()
    {
        { "sources/story.yaml", "a missing key", "outlet: \"Example Outlet\"\n", "" },
        { "sources/story.yaml", "an unknown key", "kind: news-article\n", "kind: news-article\npublished: today\n" },
        { "sources/story.yaml", "a text file in another folder", "file: story.de.txt", "file: ../story.de.txt" },
        { "sources/story.yaml", "a not_content line without its reason", "    why: \"Stray tracking tag.\"\n", "" },
        { "sources/story.yaml", "a paragraph that is not a number", "paragraph: 4", "paragraph: four" },
        { "sources/story.yaml", "a flag on paragraph 0", "paragraph: 4", "paragraph: 0" },
        { "excerpts.yaml", "a missing quote", "  quote: \"Musk und Altman streiten über Stargate\"\n", "" },
        { "excerpts.yaml", "an empty translation", "translation: \"“Wrong, as you surely know.”\"", "translation: \" \"" },
        { "excerpts.yaml", "curated questions that are not a list", "translation: \"“Wrong, as you surely know.”\"", "translation: \"“Wrong, as you surely know.”\"\n  asked: \"was altman wrong?\"" },
        { "excerpts.yaml", "an empty curated question", "translation: \"“Wrong, as you surely know.”\"", "translation: \"“Wrong, as you surely know.”\"\n  asked: [\"\"]" },
        { "excerpts.yaml", "a source id with spaces", "- id: wrong\n  source: story", "- id: wrong\n  source: the story" },
        { "entities.yaml", "a misspelt key", "  citations: [no-money]", "  citaions: [no-money]" },
        { "entities.yaml", "a missing name", "  name: Stargate\n", "" },
        { "entities.yaml", "a name that is a list", "  name: Stargate\n", "  name: [Stargate]\n" },
        { "entities.yaml", "an unknown entity kind", "  kind: project", "  kind: projekt" },
        { "entities.yaml", "an entity without citations", "  citations: [up-to-500bn, committed-100bn]\n", "" },
        { "facts/funding.yaml", "an unknown key in the attribution", "    by: musk", "    by: musk\n    source: tweet" },
        { "facts/dispute.yaml", "another language in place of German", "    de: \"Altman sagt, Musk liege falsch.\"", "    fr: \"Altman dit que Musk a tort.\"" },
        { "facts/dispute.yaml", "an empty German text", "    de: \"Altman sagt, Musk liege falsch.\"", "    de: \"\"" },
        { "facts/dispute.yaml", "an empty citation list", "citations: [wrong]", "citations: []" },
        { "facts/dispute.yaml", "an unknown attribution kind", "kind: rebutted", "kind: says" },
        { "facts/dispute.yaml", "an attribution without its kind", "    kind: rebutted\n", "" },
        { "facts/dispute.yaml", "a statement in one text, not per language", "  statement:\n    en: \"Altman says Musk is wrong.\"\n    de: \"Altman sagt, Musk liege falsch.\"", "  statement: \"Altman says Musk is wrong.\"" },
        { "timeline.yaml", "an id with spaces", "- id: tuesday-musk", "- id: tuesday musk" },
        { "timeline.yaml", "a missing English text", "    en: Wednesday\n", "" },
        { "timeline.yaml", "a German text left blank", "    de: Mittwoch", "    de:" },
        { "timeline.yaml", "an order that is not a number", "order: 2", "order: second" },
        { "timeline.yaml", "an entry without citations", "  citations: [wrong]\n", "" },
        { "summary.yaml", "citations written as a single id", "citations: [headline, no-money, wrong]", "citations: headline" },
        { "summary.yaml", "a summary without its German text", "  de: \"Musk und Altman streiten über das Geld von Stargate.\"\n", "" },
    };

    [Theory]
    [MemberData(nameof(Schemas))]
    public void TheRepositoryFilesNameTheirSchemaOnTheirFirstLine(string schema)
    {
        var files = FilesOf(schema, RepoRoot.Story);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var first = File.ReadLines(file).First();
            Assert.StartsWith(PackSchemas.ModelinePrefix, first, StringComparison.Ordinal);

            var named = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, first[PackSchemas.ModelinePrefix.Length..]));
            Assert.Equal(Path.GetFullPath(Path.Combine(PackSchemas.Folder, schema)), named);
            Assert.True(File.Exists(named), $"{file} names {named}, which does not exist");
        }
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public void TheRepositoryFilesAndTheFixtureMeetTheirSchema(string schema)
    {
        foreach (var file in FilesOf(schema, RepoRoot.Story).Concat(FilesOf(schema, _pack.Path)))
        {
            var problems = PackSchemas.Problems(schema, File.ReadAllText(file)).Concat(PackSchemas.EditorProblems(schema, File.ReadAllText(file))).ToList();
            Assert.True(problems.Count == 0, $"{file} does not meet {schema}:\n{string.Join("\n", problems)}");
        }
    }

    [Fact]
    public void EverySchemaInTheFolderIsOneAPackFileNames()
    {
        Assert.Equal(
            Kinds.Select(k => k.Schema).Order(StringComparer.Ordinal),
            Directory.EnumerateFiles(PackSchemas.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public void TheLoaderValidatesAgainstTheSchemaFileItself(string schema)
    {
        Assert.Equal(File.ReadAllText(Path.Combine(PackSchemas.Folder, schema)), PackSchema.Text(schema));
        Assert.Equal(Kinds.Select(k => k.Schema).Order(StringComparer.Ordinal), PackSchema.All.Select(s => s.FileName).Order(StringComparer.Ordinal));
    }

    /// <summary>A pattern means nothing to a curator: each says in words what it asks, for editors and the loader's messages.</summary>
    [Theory]
    [MemberData(nameof(Schemas))]
    public void EveryPatternSaysInWordsWhatItAsks(string schema)
    {
        var withPattern = Descendants(JsonNode.Parse(File.ReadAllText(Path.Combine(PackSchemas.Folder, schema)))!)
            .OfType<JsonObject>()
            .Where(o => o["pattern"] is JsonValue)
            .ToList();

        Assert.NotEmpty(withPattern);
        Assert.All(withPattern, o => Assert.False(string.IsNullOrWhiteSpace(o["patternErrorMessage"]?.GetValue<string>()), $"{schema}: {o.ToJsonString()} has no patternErrorMessage"));
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node) => node switch
    {
        JsonObject o => o.Select(p => p.Value).OfType<JsonNode>().SelectMany(Descendants).Prepend(node),
        JsonArray a => a.OfType<JsonNode>().SelectMany(Descendants).Prepend(node),
        _ => [node],
    };

    [Theory]
    [MemberData(nameof(SharedDefinitionNames))]
    public void ASharedDefinitionIsTheSameInEverySchema(string definition)
    {
        var definitions = Kinds
            .Select(k => (k.Schema, Definition: JsonNode.Parse(File.ReadAllText(Path.Combine(PackSchemas.Folder, k.Schema)))!["$defs"]?[definition]))
            .Where(d => d.Definition is not null)
            .ToList();

        Assert.True(definitions.Count > 1);
        Assert.All(definitions, d => Assert.True(JsonNode.DeepEquals(definitions[0].Definition, d.Definition), $"$defs/{definition} of {d.Schema} differs from that of {definitions[0].Schema}"));
    }

    public static TheoryData<string> SharedDefinitionNames => [.. SharedDefinitions];

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void AMistakeTheLoaderRefusesTheSchemaRefusesToo(string file, string mistake, string from, string to)
    {
        _pack.Edit(file, from, to);

        Assert.False(KnowledgePackLoader.TryLoad(_pack.Path).IsValid, $"the loader accepts {mistake} in {file}");
        Assert.False(PackSchemas.Meets(SchemaOf(file), _pack.Read(file)), $"{SchemaOf(file)} accepts {mistake} in {file}");
        Assert.False(PackSchemas.MeetsInAnEditor(SchemaOf(file), _pack.Read(file)), $"{SchemaOf(file)} accepts {mistake} in {file} in an editor");
    }

    /// <summary>What a schema cannot say stays with the loader: these files meet their schema, and the loader refuses them.</summary>
    [Theory]
    [InlineData("excerpts.yaml", "a quote that is not verbatim", "zunächst 100", "zuerst 100")]
    [InlineData("facts/funding.yaml", "a citation of an excerpt that does not exist", "citations: [up-to-500bn]", "citations: [upto-500bn]")]
    [InlineData("timeline.yaml", "an order used twice", "order: 2", "order: 1")]
    [InlineData("sources/story.yaml", "a flag on a paragraph the source does not have", "paragraph: 4", "paragraph: 5")]
    public void WhatOnlyTheLoaderCanCheckMeetsTheSchema(string file, string mistake, string from, string to)
    {
        _pack.Edit(file, from, to);

        Assert.True(PackSchemas.Meets(SchemaOf(file), _pack.Read(file)), $"{SchemaOf(file)} refuses {mistake} in {file}");
        Assert.True(PackSchemas.MeetsInAnEditor(SchemaOf(file), _pack.Read(file)), $"{SchemaOf(file)} refuses {mistake} in {file} in an editor");
        Assert.False(KnowledgePackLoader.TryLoad(_pack.Path).IsValid, $"the loader accepts {mistake} in {file}");
    }

    /// <summary>The loader reads every value as text: a quoted whole number is a number to it, and a plain number a text.</summary>
    [Theory]
    [InlineData("timeline.yaml", "order: 2", "order: \"2\"")]
    [InlineData("timeline.yaml", "order: 2", "order: +2")]
    [InlineData("sources/story.yaml", "paragraph: 4", "paragraph: \" 4\"")]
    [InlineData("entities.yaml", "  name: Stargate\n", "  name: 2024\n")]
    public void WhatTheLoaderAcceptsAsATextOrANumberMeetsTheSchema(string file, string from, string to)
    {
        _pack.Edit(file, from, to);

        Assert.True(KnowledgePackLoader.TryLoad(_pack.Path).IsValid);
        Assert.True(PackSchemas.Meets(SchemaOf(file), _pack.Read(file)), string.Join("\n", PackSchemas.Problems(SchemaOf(file), _pack.Read(file))));
        Assert.True(PackSchemas.MeetsInAnEditor(SchemaOf(file), _pack.Read(file)), string.Join("\n", PackSchemas.EditorProblems(SchemaOf(file), _pack.Read(file))));
    }

    private static string SchemaOf(string relativePath) =>
        Kinds.Single(k => Path.GetDirectoryName(relativePath) == k.Folder && FileSystemName(relativePath, k.Pattern)).Schema;

    private static bool FileSystemName(string relativePath, string pattern) =>
        System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(pattern, Path.GetFileName(relativePath));

    private static List<string> FilesOf(string schema, string story)
    {
        var (_, folder, pattern) = Kinds.Single(k => k.Schema == schema);
        var directory = Path.Combine(story, folder);
        return Directory.Exists(directory) ? [.. Directory.EnumerateFiles(directory, pattern).Order(StringComparer.Ordinal)] : [];
    }
}
