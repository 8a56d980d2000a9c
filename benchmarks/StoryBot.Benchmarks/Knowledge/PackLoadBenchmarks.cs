using BenchmarkDotNet.Attributes;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;

namespace StoryBot.Benchmarks.Knowledge;

/// <summary>
/// Load + validation of the story pack and of generated packs (1 and 1,000 articles).
/// Run: dotnet run -c Release --project benchmarks/StoryBot.Benchmarks -- --filter '*PackLoad*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class PackLoadBenchmarks
{
    private string _generated = "";

    [Params(1, 1000)]
    public int Articles { get; set; }

    [GlobalSetup]
    public void WritePack()
    {
        _generated = Path.Combine(Path.GetTempPath(), $"storybot-bench-pack-{Articles}-{Guid.NewGuid():N}", "knowledge");
        SyntheticPack.Write(_generated, Articles);
    }

    [GlobalCleanup]
    public void DeletePack() => Directory.Delete(Path.GetDirectoryName(_generated)!, recursive: true);

    [Benchmark]
    public KnowledgePack LoadGenerated() => KnowledgePackLoader.Load(_generated);
}

/// <summary>Load + validation of the repository's own story pack.</summary>
[MemoryDiagnoser]
public class StoryPackLoadBenchmarks
{
    private readonly string _story = RepositoryPack();

    [Benchmark]
    public KnowledgePack LoadStory() => KnowledgePackLoader.Load(_story);

    private static string RepositoryPack()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bot.sln")))
            {
                return Path.Combine(dir.FullName, "knowledge");
            }
        }

        throw new InvalidOperationException("Bot.sln not found above " + AppContext.BaseDirectory);
    }
}
