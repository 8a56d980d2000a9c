using StoryBot.Core.Knowledge.Loading;

namespace StoryBot.Core.Tests.Knowledge.Loading;

/// <summary>
/// The JSON Schema that curators' editors check story.yaml with says what the loader says. That the file
/// names it and meets it is checked with every other pack file in <see cref="PackSchemaTests"/>.
/// </summary>
public sealed class StorySchemaTests : IDisposable
{
    private const string Schema = "story.schema.json";

    private readonly FixturePack _pack = new();

    public void Dispose() => _pack.Dispose();

    [Fact]
    public void AThirdLanguageMeetsTheSchema()
    {
        _pack.Edit("story.yaml", "  de: \"Musk und Altman streiten über Stargate\"\n", "  de: \"Musk und Altman streiten über Stargate\"\n  fr: \"Musk et Altman se disputent Stargate\"\n");

        Assert.True(PackSchemas.Meets(Schema, _pack.Read(StoryReader.FileName)));
        Assert.True(PackSchemas.MeetsInAnEditor(Schema, _pack.Read(StoryReader.FileName)));
        Assert.True(KnowledgePackLoader.TryLoad(_pack.Path).IsValid);
    }

    [Theory]
    [MemberData(nameof(StoryReaderTests.Mistakes), MemberType = typeof(StoryReaderTests))]
    public void AMistakeTheLoaderRefusesTheSchemaRefusesToo(string mistake, string from, string to, int line, string says)
    {
        _pack.Edit("story.yaml", from, to);

        Assert.False(PackSchemas.Meets(Schema, _pack.Read(StoryReader.FileName)), $"the schema accepts {mistake} (the loader says at line {line}: {says})");
        Assert.False(PackSchemas.MeetsInAnEditor(Schema, _pack.Read(StoryReader.FileName)), $"an editor accepts {mistake} (the loader says at line {line}: {says})");
    }

    [Theory]
    [MemberData(nameof(StoryReaderTests.MistakesAcrossTopics), MemberType = typeof(StoryReaderTests))]
    public void AMistakeAcrossTopicsMeetsTheSchemaAndOnlyTheLoaderFindsIt(string mistake, string from, string to, int line, string says)
    {
        _pack.Edit("story.yaml", from, to);

        Assert.True(PackSchemas.Meets(Schema, _pack.Read(StoryReader.FileName)), $"the schema refuses {mistake}");
        Assert.True(PackSchemas.MeetsInAnEditor(Schema, _pack.Read(StoryReader.FileName)), $"an editor refuses {mistake}");
        Assert.Contains(KnowledgePackLoader.TryLoad(_pack.Path).Errors, error => error.Line == line && error.Message.Contains(says, StringComparison.Ordinal));
    }
}
