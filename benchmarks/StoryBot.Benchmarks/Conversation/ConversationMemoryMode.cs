using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoryBot.Benchmarks.Story;
using StoryBot.Benchmarks.Support;
using StoryBot.Core.Conversation;
using StoryBot.Core.Conversation.FollowUps;
using StoryBot.Core.Knowledge.Loading;

namespace StoryBot.Benchmarks.Conversation;

/// <summary>
/// The memory follow-ups keep, under many conversations at once: the bot's own
/// <see cref="ConversationMemory"/> and <see cref="AnsweredMessages"/> at their default bound
/// (<see cref="FollowUpOptions.MaxConversations"/>, 10,000), filled from two threads at once with
/// conversations of four turns and one posted answer each, up to the bound and then beyond it
/// (twice, five, ten and twenty times as many conversations). After each stage it reports how many are
/// kept and the bytes the process retains for them (managed heap after a full collection, beside
/// the heap before the first): bounded memory shows as a figure that stops growing at the bound.
/// The turns are real: each question of <see cref="StoryQuestions"/> asked once through the
/// pipeline in a conversation; every conversation keeps its own copy of the question's text, as
/// chat requests do, and shares the pack's ids, as answers do.
/// Usage: conversation-memory [--bound N]
/// </summary>
internal static class ConversationMemoryMode
{
    public const string Name = "conversation-memory";
    private const int TurnsEach = 4;

    public static Task<int> RunAsync(string[] args)
    {
        var at = Array.IndexOf(args, "--bound");
        var bound = at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : new FollowUpOptions().MaxConversations;
        var turns = RealTurns();
        var options = Options.Create(new FollowUpOptions { MaxConversations = bound });
        var before = Retained();
        var memory = new ConversationMemory(options, TimeProvider.System);
        var answered = new AnsweredMessages(memory, options, TimeProvider.System);
        Console.WriteLine($"bound {bound:N0} conversations, {TurnsEach} turns each; heap before: {before / 1024.0 / 1024.0:F1} MB");
        Console.WriteLine("| conversations added | conversations kept | answers kept | retained | per conversation kept |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        var added = 0;
        foreach (var times in new[] { 1, 2, 5, 10, 20 })
        {
            var upTo = bound * times;
            Parallel.For(added, upTo, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => Converse(memory, answered, turns, i));
            added = upTo;
            var retained = Retained() - before;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {added:N0} | {memory.Count:N0} | {answered.Count:N0} | {retained / 1024.0 / 1024.0:F1} MB | {retained / Math.Max(1, memory.Count):N0} bytes |"));
        }

        GC.KeepAlive(memory);
        GC.KeepAlive(answered);
        return Task.FromResult(0);
    }

    /// <summary>One conversation: its turns, then the answer to the last posted.</summary>
    private static void Converse(ConversationMemory memory, AnsweredMessages answered, IReadOnlyList<ConversationTurn> turns, int i)
    {
        var request = new ChatRequest("discord", "channel-" + (i % 50), "user-" + i, "question") { ConversationId = "user-" + i };
        var key = FollowUpConversations.Key(request)!;
        for (var t = 0; t < TurnsEach; t++)
        {
            var turn = turns[(i + t) % turns.Count];
            memory.Remember(key, turn with { Question = new string(turn.Question.AsSpan()) });
        }

        answered.Remember(request.Platform, (1_100_000_000_000_000_000L + i).ToString(CultureInfo.InvariantCulture), request);
    }

    /// <summary>The turns the bot keeps for the questions of <see cref="StoryQuestions"/>, each asked in a conversation of its own.</summary>
    private static List<ConversationTurn> RealTurns()
    {
        using var harness = new ChatBotHarness(KnowledgePackLoader.Load(RepositoryPack.StoryPath()), "Lexical", replyCacheSize: 0);
        var pipeline = harness.Services.GetRequiredService<ConversationPipeline>();
        var memory = harness.Services.GetRequiredService<ConversationMemory>();
        var turns = new List<ConversationTurn>();
        foreach (var (question, i) in StoryQuestions.All.Where(q => !q.StartsWith('/')).Select((q, i) => (q, i)))
        {
            var request = ChatBotHarness.Question(question) with { ChannelKind = ChannelKind.Console, ConversationId = "c" + i };
            pipeline.AskAsync(request, mustAnswer: true, CancellationToken.None).GetAwaiter().GetResult();
            turns.AddRange(memory.Turns(FollowUpConversations.Key(request)!));
        }

        return turns;
    }

    private static long Retained()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
