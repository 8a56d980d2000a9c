using BenchmarkDotNet.Attributes;
using StoryBot.Benchmarks.Support;
using StoryBot.Core.Answering;
using StoryBot.Core.Knowledge.Loading;

namespace StoryBot.Benchmarks.Story;

/// <summary>
/// One question answered by <c>IChatBot.RespondAsync</c> on the story pack, taking the questions of
/// <see cref="StoryQuestions"/> in turn, so the mean is over the whole mix.
/// Run: dotnet run -c Release --project benchmarks/StoryBot.Benchmarks -- --filter '*StoryAnswer*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class StoryAnswerBenchmarks : IDisposable
{
    private ChatBotHarness? _harness;
    private int _next;

    [GlobalSetup]
    public void LoadPack()
    {
        _harness = new ChatBotHarness(KnowledgePackLoader.Load(RepositoryPack.StoryPath()));
        _harness.BuildIndex();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _harness?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public Task<Reply> Answer()
    {
        var question = StoryQuestions.All[_next];
        _next = (_next + 1) % StoryQuestions.All.Length;
        return _harness!.ChatBot.RespondAsync(ChatBotHarness.Question(question), CancellationToken.None);
    }
}
