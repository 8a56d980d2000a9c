using BenchmarkDotNet.Attributes;
using StoryBot.Benchmarks.Support;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.Core.Retrieval;
using YamlDotNet.RepresentationModel;

namespace StoryBot.Benchmarks.Story;

/// <summary>
/// Loading the story pack: reading and validating the files, building the search index, and both
/// together as a (re)load does. The baseline parses the pack's YAML files and nothing more, so the
/// validation's cost reads as a ratio to the parse it cannot avoid.
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

    [Benchmark(Baseline = true)]
    public int ParseYamlOnly()
    {
        var documents = 0;
        foreach (var file in Directory.EnumerateFiles(_path, "*.yaml", SearchOption.AllDirectories))
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(file);
            stream.Load(reader);
            documents += stream.Documents.Count;
        }

        return documents;
    }

    [Benchmark]
    public KnowledgePack LoadAndValidate() => KnowledgePackLoader.Load(_path);

    [Benchmark]
    public object BuildIndex() => PassageIndex.Build(_pack!);

    [Benchmark]
    public object LoadValidateAndIndex() => PassageIndex.Build(KnowledgePackLoader.Load(_path));
}
