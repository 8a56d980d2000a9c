using BenchmarkDotNet.Attributes;
using StoryBot.Benchmarks.Story;
using StoryBot.Benchmarks.Support;
using StoryBot.Core.Knowledge.Loading;

namespace StoryBot.Benchmarks.Retrieval;

/// <summary>
/// One question, side by side in one run: plain BM25 ranking of the excerpts (the baseline: no
/// reply is built), the keyword engine alone, and the hybrid engine (the default), both answering
/// through <c>IChatBot.RespondAsync</c>. Questions of <see cref="StoryQuestions"/> in turn. The
/// reply cache is off: the questions come round again, and a cached reply measures no answering.
/// Run: dotnet run -c Release --project benchmarks/StoryBot.Benchmarks -- --filter '*RetrievalMode*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class RetrievalModeBenchmarks : IDisposable
{
    private ChatBotHarness? _lexical;
    private ChatBotHarness? _hybrid;
    private Bm25Baseline? _bm25;
    private int _next;

    [GlobalSetup]
    public void LoadPack()
    {
        var pack = KnowledgePackLoader.Load(RepositoryPack.StoryPath());
        _bm25 = new Bm25Baseline(pack);
        _lexical = new ChatBotHarness(pack, "Lexical", replyCacheSize: 0);
        _lexical.BuildIndex();
        _hybrid = new ChatBotHarness(pack, "Hybrid", replyCacheSize: 0);
        _hybrid.LoadVectors();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _lexical?.Dispose();
        _hybrid?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public IReadOnlyList<string> Bm25() => _bm25!.Rank(NextQuestion());

    [Benchmark]
    public Task<Core.Answering.Reply> Lexical() => _lexical!.ChatBot.RespondAsync(ChatBotHarness.Question(NextQuestion()), CancellationToken.None);

    [Benchmark]
    public Task<Core.Answering.Reply> Hybrid() => _hybrid!.ChatBot.RespondAsync(ChatBotHarness.Question(NextQuestion()), CancellationToken.None);

    private string NextQuestion()
    {
        var question = StoryQuestions.All[_next];
        _next = (_next + 1) % StoryQuestions.All.Length;
        return question;
    }
}
