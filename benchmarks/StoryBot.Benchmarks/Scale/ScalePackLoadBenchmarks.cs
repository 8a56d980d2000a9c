using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.Core.Retrieval;

namespace StoryBot.Benchmarks.Scale;

/// <summary>
/// Loading the generated pack of 1,000 articles: validation alone, the index alone, and both.
/// Each operation takes seconds, so every iteration runs it once (monitoring strategy).
/// Run: dotnet run -c Release --project benchmarks/StoryBot.Benchmarks -- --filter '*ScalePackLoad*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ScalePackLoadBenchmarks : IDisposable
{
    private ScalePackFolder? _folder;
    private KnowledgePack? _pack;

    [GlobalSetup]
    public void WritePack()
    {
        _folder = new ScalePackFolder();
        _pack = KnowledgePackLoader.Load(_folder.PackPath);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _folder?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public KnowledgePack LoadAndValidate() => KnowledgePackLoader.Load(_folder!.PackPath);

    [Benchmark]
    public object BuildIndex() => PassageIndex.Build(_pack!);

    [Benchmark]
    public object LoadValidateAndIndex() => PassageIndex.Build(KnowledgePackLoader.Load(_folder!.PackPath));
}
