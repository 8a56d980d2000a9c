using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Retrieval;
using StoryBot.Core.Retrieval.Semantic;
using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.Retrieval.Semantic;

/// <summary>The pack's sentence vectors are computed once per content and model, kept on disk, and never trusted when damaged.</summary>
public sealed class SemanticIndexCacheTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "storybot-vectors-" + Guid.NewGuid().ToString("N"));
    private readonly PassageIndex _index = PassageIndex.Build(StoryServices.Pack);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void ThePacksVectorsAreEncodedOnceAndReadFromTheFolderAtTheNextStart()
    {
        var first = new CountingEncoder();
        var encoded = Cache(first).For(_index);
        var second = new CountingEncoder();

        var read = Cache(second).For(_index);

        Assert.True(first.Texts > 100, "every excerpt, curated question and statement is embedded");
        Assert.Equal(0, second.Texts);
        Assert.Single(Directory.GetFiles(_folder, "*.vectors"));
        var question = first.Encode(["who pays for stargate"])[0];
        Assert.Equal(encoded.Similarities(question), read.Similarities(question));
    }

    [Fact]
    public void ADamagedCacheFileIsIgnoredAndWrittenAnew()
    {
        Cache(new CountingEncoder()).For(_index);
        var file = Assert.Single(Directory.GetFiles(_folder, "*.vectors"));
        File.WriteAllBytes(file, [1, 2, 3, 4, 5]);
        var again = new CountingEncoder();

        Cache(again).For(_index);

        Assert.True(again.Texts > 100);
        Assert.True(new FileInfo(file).Length > 1000);
    }

    [Fact]
    public void AnotherModelGetsItsOwnVectors()
    {
        Cache(new CountingEncoder("model-a")).For(_index);
        var other = new CountingEncoder("model-b");

        Cache(other).For(_index);

        Assert.True(other.Texts > 100);
        Assert.Equal(2, Directory.GetFiles(_folder, "*.vectors").Length);
    }

    [Fact]
    public async Task InLexicalModeTheModelIsNeverUsed()
    {
        var encoder = new CountingEncoder();
        await using var provider = CoreWith(encoder, "Answering:Mode", "Lexical");

        var reply = await provider.GetRequiredService<IChatBot>().Bot("How much did xAI spend in Memphis?");

        Assert.Equal("xai-memphis-12bn", reply.Citations[0].Id);
        Assert.Equal(0, encoder.Texts);
    }

    [Fact]
    public async Task TheHostEmbedsThePackAsItStartsRatherThanAtTheFirstQuestion()
    {
        var encoder = new CountingEncoder();
        await using var provider = CoreWith(encoder, "Answering:VectorCache", _folder);
        var warmUp = provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<SemanticWarmUp>().Single();

        await warmUp.StartAsync(CancellationToken.None);
        await warmUp.ExecuteTask!.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(encoder.Texts > 100);
        Assert.Single(Directory.GetFiles(_folder, "*.vectors"));
    }

    /// <summary>The core's services around the story pack, with this encoder and one setting.</summary>
    private static ServiceProvider CoreWith(ISentenceEncoder encoder, string key, string value)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IKnowledgeProvider>(new FixedPack());
        services.AddSingleton(encoder);
        services.AddStoryCore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build());
        return services.BuildServiceProvider();
    }

    private SemanticIndexCache Cache(ISentenceEncoder encoder) =>
        new(encoder, Options.Create(new AnsweringOptions { VectorCache = _folder }), NullLogger<SemanticIndexCache>.Instance);

    /// <summary>Deterministic unit vectors from the text's hash, counting what it was asked to encode.</summary>
    private sealed class CountingEncoder(string model = "counting") : ISentenceEncoder
    {
        public int Texts { get; private set; }

        public string Model => model;

        public float[][] Encode(IReadOnlyList<string> texts)
        {
            Texts += texts.Count;
            return [.. texts.Select(Vector)];
        }

        private static float[] Vector(string text)
        {
            var random = new Random(StringComparer.Ordinal.GetHashCode(text));
            var vector = Enumerable.Range(0, 8).Select(_ => (float)random.NextDouble()).ToArray();
            var length = MathF.Sqrt(vector.Sum(v => v * v));
            return [.. vector.Select(v => v / length)];
        }
    }

    private sealed class FixedPack : IKnowledgeProvider
    {
        public KnowledgePack Current => StoryServices.Pack;
    }
}
