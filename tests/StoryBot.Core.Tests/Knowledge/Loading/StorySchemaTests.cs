using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.Core.Tests.TestSupport;
using YamlDotNet.RepresentationModel;

namespace StoryBot.Core.Tests.Knowledge.Loading;

/// <summary>The JSON Schema that curators' editors check story.yaml with says what the loader says.</summary>
public sealed class StorySchemaTests : IDisposable
{
    private const string SchemaLine = "# yaml-language-server: $schema=../schemas/story.schema.json";

    // Built once: a schema registers its $id globally, and a second build of the same $id is refused.
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromFile(Path.Combine(RepoRoot.Knowledge, "schemas", "story.schema.json")));

    private readonly FixturePack _pack = new();

    public void Dispose() => _pack.Dispose();

    [Fact]
    public void TheRepositoryStoryNamesItsSchemaOnItsFirstLine()
    {
        var story = Path.Combine(RepoRoot.Story, StoryReader.FileName);

        Assert.Equal(SchemaLine, File.ReadLines(story).First());
        Assert.True(File.Exists(Path.Combine(RepoRoot.Story, "../schemas/story.schema.json")));
    }

    [Fact]
    public void TheRepositoryStoryAndTheFixtureMeetTheSchema()
    {
        Assert.True(Meets(File.ReadAllText(Path.Combine(RepoRoot.Story, StoryReader.FileName))));
        Assert.True(Meets(_pack.Read(StoryReader.FileName)));
    }

    [Fact]
    public void AThirdLanguageMeetsTheSchema()
    {
        _pack.Edit("story.yaml", "  de: \"Musk und Altman streiten über Stargate\"\n", "  de: \"Musk und Altman streiten über Stargate\"\n  fr: \"Musk et Altman se disputent Stargate\"\n");

        Assert.True(Meets(_pack.Read(StoryReader.FileName)));
        Assert.True(KnowledgePackLoader.TryLoad(_pack.Path).IsValid);
    }

    [Theory]
    [MemberData(nameof(StoryReaderTests.Mistakes), MemberType = typeof(StoryReaderTests))]
    public void AMistakeTheLoaderRefusesTheSchemaRefusesToo(string mistake, string from, string to, int line, string says)
    {
        _pack.Edit("story.yaml", from, to);

        Assert.False(Meets(_pack.Read(StoryReader.FileName)), $"the schema accepts {mistake} (the loader says at line {line}: {says})");
    }

    private static bool Meets(string yaml) => Schema.Value.Evaluate(JsonSerializer.SerializeToElement(AsJson(yaml)), EvaluationOptions.Default).IsValid;

    private static JsonNode? AsJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return AsJson(stream.Documents[0].RootNode);
    }

    // story.yaml holds only texts, so every scalar is a JSON string.
    private static JsonNode? AsJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, AsJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(AsJson)]),
        YamlScalarNode scalar => scalar.Value is null ? null : JsonValue.Create(scalar.Value),
        _ => throw new NotSupportedException(node.GetType().Name),
    };
}
