using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Benchmarks.Story;
using StoryBot.Benchmarks.Support;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Conversation.FollowUps;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;

namespace StoryBot.Benchmarks.Conversation;

/// <summary>
/// What context handling adds to an answer. One free question of <see cref="StoryQuestions"/>
/// through the conversation pipeline (lexical mode, reply cache off, so every question is worked
/// out), asked three ways side by side: on its own (no conversation, the baseline); in one of
/// 10,000 conversations that already hold their last four turns each (read against them, its turn
/// kept); and opening a thread under one of 10,000 posted answers (a new conversation that starts
/// with the answer's turns, as a thread on Discord or Slack does). The memory is at its bound
/// (<see cref="FollowUpOptions.MaxConversations"/>) throughout, so the thread case also pays for
/// making room.
/// <see cref="Questions"/> <c>Standing</c> asks only the questions that every conversation leaves as
/// they are (they name what they are about), so the engine's work is the same in all three and the
/// difference is the context handling's own; <c>All</c> asks every question, and one read against
/// its turns ("Worum geht es …?" after a question about SoftBank) is another question for the
/// engine, whose different work then counts too.
/// Run: dotnet run -c Release --project benchmarks/StoryBot.Benchmarks -- --filter '*ConversationContext*' --buildTimeout 900
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class ConversationContextBenchmarks : IDisposable
{
    private const int Conversations = 10_000;
    private const int TurnsEach = 4;
    private static readonly string[] FreeQuestions = [.. StoryQuestions.All.Where(q => !q.StartsWith('/'))];

    private ChatBotHarness? _harness;
    private ConversationPipeline? _pipeline;
    private string[] _questions = FreeQuestions;
    private FollowUpConversations? _followUps;
    private (ChatRequest Request, Reply Reply)[] _asked = [];
    private int _next;
    private int _threads;

    [Params("Standing", "All")]
    public string Questions { get; set; } = "Standing";

    [GlobalSetup]
    public void Start()
    {
        _harness = new ChatBotHarness(KnowledgePackLoader.Load(RepositoryPack.StoryPath()), "Lexical", replyCacheSize: 0);
        _harness.BuildIndex();
        _pipeline = _harness.Services.GetRequiredService<ConversationPipeline>();

        // Every conversation holds its turns and one posted answer, asked through the pipeline as in chat.
        var answered = _harness.Services.GetRequiredService<AnsweredMessages>();
        for (var i = 0; i < Conversations; i++)
        {
            ChatRequest? request = null;
            for (var turn = 0; turn < TurnsEach; turn++)
            {
                request = InConversation(FreeQuestions[(i + turn) % FreeQuestions.Length], i);
                _pipeline.AskAsync(request, mustAnswer: true, CancellationToken.None).GetAwaiter().GetResult();
            }

            answered.Remember(request!.Platform, AnswerId(i), request);
        }

        if (Questions == "Standing")
        {
            _questions = [.. FreeQuestions.Where(Stands)];
            Console.WriteLine($"// {_questions.Length} of {FreeQuestions.Length} questions stand in every conversation: {string.Join(" | ", _questions)}");
        }

        // For the reading and keeping alone: each question with its answer, worked out once, spread over the conversations.
        _followUps = _harness.Services.GetRequiredService<FollowUpConversations>();
        var replies = _questions.ToDictionary(q => q, q => OnItsOwn(q).GetAwaiter().GetResult()!);
        _asked = [.. Enumerable.Range(0, 1_000).Select(i => InConversation(_questions[i % _questions.Length], i * 7 % Conversations)).Select(r => (r, replies[r.Text]))];
    }

    /// <summary>Whether every conversation, and every answer a thread opens under, leaves the question as it is.</summary>
    private bool Stands(string question)
    {
        var services = _harness!.Services;
        var memory = services.GetRequiredService<ConversationMemory>();
        var answered = services.GetRequiredService<AnsweredMessages>();
        var pack = services.GetRequiredService<IKnowledgeProvider>().Current;
        return Enumerable.Range(0, Conversations).All(i =>
            FollowUpResolver.Resolve(question, memory.Turns(FollowUpConversations.Key(InConversation(question, i))!), pack).Kind == FollowUpKind.None
            && FollowUpResolver.Resolve(question, answered.TurnsOf(ChatBotHarness.Question(question).Platform, AnswerId(i)), pack).Kind == FollowUpKind.None);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _harness?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public Task<Reply?> OnItsOwn() => OnItsOwn(NextQuestion());

    /// <summary>
    /// What a conversation adds around the engine, alone: the question read against its turns and
    /// its turn kept, as <c>AskCommand</c> does them, with the answer worked out beforehand. Measured
    /// within one process, so a busy machine moves it less than the difference of two whole answers.
    /// </summary>
    [Benchmark]
    public Reply ReadingAndKeepingAlone()
    {
        var (request, reply) = _asked[_next++ % _asked.Length];
        var resolution = _followUps!.Resolve(request, request.Text);
        _followUps.Remember(request, resolution, reply);
        return reply;
    }

    [Benchmark]
    public Task<Reply?> InAConversation() =>
        _pipeline!.AskAsync(InConversation(NextQuestion(), _next % Conversations), mustAnswer: true, CancellationToken.None);

    [Benchmark]
    public Task<Reply?> OpeningAThreadUnderAnAnswer()
    {
        var thread = "thread-" + _threads++;
        var request = ChatBotHarness.Question(NextQuestion()) with
        {
            ChannelKind = ChannelKind.Console,
            ConversationId = thread,
            ContinuesFrom = AnswerId(_threads % Conversations),
        };
        return _pipeline!.AskAsync(request, mustAnswer: true, CancellationToken.None);
    }

    private Task<Reply?> OnItsOwn(string question) =>
        _pipeline!.AskAsync(ChatBotHarness.Question(question) with { ChannelKind = ChannelKind.Console }, mustAnswer: true, CancellationToken.None);

    private string NextQuestion()
    {
        var question = _questions[_next % _questions.Length];
        _next++;
        return question;
    }

    private static ChatRequest InConversation(string question, int conversation) =>
        ChatBotHarness.Question(question) with { ChannelKind = ChannelKind.Console, ConversationId = "conversation-" + conversation };

    private static string AnswerId(int conversation) => "answer-" + conversation;
}
