using BenchmarkDotNet.Attributes;
using StoryBot.Benchmarks.Support;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.Core.Retrieval;

namespace StoryBot.Benchmarks.Story;

/// <summary>
/// Loading the story pack: reading and validating the files, building the search index, and both
/// together as a (re)load does.
/// Run: dotnet run -c Release --project benchmarks/StoryBot.Benchmarks -- --filter '*StoryPackLoad*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class StoryPackLoadBenchmarks
{
    private readonly string _path = RepositoryPack.StoryPath();
    private KnowledgePack? _pack;

    [GlobalSetup]
    public void LoadOnce() => _pack = KnowledgePackLoader.Load(_path);

    [Benchmark]
    public KnowledgePack LoadAndValidate() => KnowledgePackLoader.Load(_path);

    [Benchmark]
    public object BuildIndex() => PassageIndex.Build(_pack!);

    [Benchmark]
    public object LoadValidateAndIndex() => PassageIndex.Build(KnowledgePackLoader.Load(_path));
}
