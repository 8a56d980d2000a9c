using BenchmarkDotNet.Attributes;
using StoryBot.Benchmarks.Support;
using StoryBot.Core.Answering;
using StoryBot.Core.Knowledge.Loading;

namespace StoryBot.Benchmarks.Scale;

/// <summary>
/// One question answered by <c>IChatBot.RespondAsync</c> on the generated pack of 1,000 articles,
/// taking the generator's questions (English and German, answerable and not) in turn.
/// Run: dotnet run -c Release --project benchmarks/StoryBot.Benchmarks -- --filter '*ScaleAnswer*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class ScaleAnswerBenchmarks : IDisposable
{
    private ScalePackFolder? _folder;
    private ChatBotHarness? _harness;
    private IReadOnlyList<string> _questions = [];
    private int _next;

    [GlobalSetup]
    public void LoadPack()
    {
        _folder = new ScalePackFolder();
        _questions = _folder.Contents.Questions;
        _harness = new ChatBotHarness(KnowledgePackLoader.Load(_folder.PackPath));
        _harness.BuildIndex();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _harness?.Dispose();
        _folder?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public Task<Reply> Answer()
    {
        var question = _questions[_next];
        _next = (_next + 1) % _questions.Count;
        return _harness!.ChatBot.RespondAsync(ChatBotHarness.Question(question), CancellationToken.None);
    }
}
