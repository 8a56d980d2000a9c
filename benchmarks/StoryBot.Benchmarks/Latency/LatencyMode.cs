using System.Diagnostics;
using System.Globalization;
using StoryBot.Benchmarks.Scale;
using StoryBot.Benchmarks.Story;
using StoryBot.Benchmarks.Support;
using StoryBot.Core.Answering;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.Core.Retrieval;

namespace StoryBot.Benchmarks.Latency;

/// <summary>
/// Answer latency as a reader sees it: load a pack, warm up, then answer many questions one by
/// one and report the distribution (p50, p90, p99, max), which BenchmarkDotNet's means hide.
/// Usage: latency [--scale [--articles N]] [--questions N] [--sections] [--mode hybrid|lexical] [--no-reply-cache]
/// </summary>
internal static class LatencyMode
{
    public const string Name = "latency";

    public static async Task<int> RunAsync(string[] args)
    {
        var scale = args.Contains("--scale");
        var count = Option(args, "--questions") ?? (scale ? 2_000 : 100_000);
        var mode = args.SkipWhile(a => a != "--mode").Skip(1).FirstOrDefault() ?? "hybrid";
        var targets = scale ? LatencyTargets.Scale : mode == "lexical" ? LatencyTargets.Story : LatencyTargets.StoryHybrid;
        var articles = Option(args, "--articles") ?? ScalePack.DefaultArticles;
        var cacheOff = ReplyCacheReport.Off(args);
        var report = new LatencyReport((scale ? $"generated pack, {articles:N0} articles" : "story pack") + ", " + mode + (cacheOff ? ", reply cache off" : ", reply cache on (a question asked again is answered from it)"));

        ScalePackFolder? folder = null;
        try
        {
            string path;
            IReadOnlyList<string> questions;
            if (scale)
            {
                var writing = Stopwatch.StartNew();
                folder = new ScalePackFolder(articles);
                path = folder.PackPath;
                questions = folder.Contents.Questions;
                var c = folder.Contents;
                report.Line($"generated {c.Articles:N0} articles, {c.Excerpts:N0} excerpts, {c.Entities:N0} entities, {c.Facts:N0} facts, {c.TimelineEntries:N0} timeline entries in {writing.Elapsed.TotalSeconds:F1} s");
            }
            else
            {
                path = RepositoryPack.StoryPath();
                questions = StoryQuestions.All;
            }

            // One-time costs first (the analyzers' stemmers and word lists, and compiling their
            // code), so the load figures below show what grows with the pack.
            var analyzersStart = Stopwatch.GetTimestamp();
            StoryAnalyzers.Terms(StoryAnalyzers.English, "Musk claims");
            StoryAnalyzers.Terms(StoryAnalyzers.German, "Musk behauptet");
            StoryAnalyzers.Terms(StoryAnalyzers.Surface, "Musk");
            report.Duration("analyzer start-up", Stopwatch.GetTimestamp() - analyzersStart);

            var start = Stopwatch.GetTimestamp();
            var pack = KnowledgePackLoader.Load(path);
            var loaded = Stopwatch.GetTimestamp();
            using var harness = new ChatBotHarness(pack, mode, cacheOff ? 0 : null);
            harness.BuildIndex();
            var indexed = Stopwatch.GetTimestamp();
            harness.LoadVectors();
            report.Duration("model and sentence vectors", Stopwatch.GetTimestamp() - indexed);
            var managed = GC.GetTotalMemory(forceFullCollection: true);
            report.Duration("load + validation", loaded - start);
            report.Duration("index build", indexed - loaded);
            report.Check("load + validation + index", Stopwatch.GetElapsedTime(start, indexed), targets.Load);
            report.Bytes("managed memory after load", managed, targets.ManagedMemory);
            if (!scale)
            {
                // A reload in a running bot: the same work with the code already compiled.
                var again = Stopwatch.GetTimestamp();
                PassageIndex.Build(KnowledgePackLoader.Load(path));
                report.Check("reload (load + index again)", Stopwatch.GetElapsedTime(again), targets.Load);
            }

            var warmUp = Math.Min(count / 10, 2_000);
            for (var i = 0; i < warmUp; i++)
            {
                await harness.ChatBot.RespondAsync(ChatBotHarness.Question(questions[i % questions.Count]), CancellationToken.None);
            }

            var durations = new long[count];
            var perQuestion = questions.Select(_ => new List<long>()).ToArray();
            var abstained = 0;
            var collections = GC.CollectionCount(0);
            for (var i = 0; i < count; i++)
            {
                var q = i % questions.Count;
                var before = Stopwatch.GetTimestamp();
                var reply = await harness.ChatBot.RespondAsync(ChatBotHarness.Question(questions[q]), CancellationToken.None);
                durations[i] = Stopwatch.GetTimestamp() - before;
                perQuestion[q].Add(durations[i]);
                abstained += reply.Kind == ReplyKind.Abstention ? 1 : 0;
            }

            report.Line($"answered {count:N0} questions ({questions.Count} distinct, {abstained:N0} abstentions), {GC.CollectionCount(0) - collections:N0} gen-0 collections");
            Array.Sort(durations);
            report.Check("answer p50", Percentile(durations, 0.50), targets.Median);
            report.Duration("answer p90", Percentile(durations, 0.90));
            report.Check("answer p99", Percentile(durations, 0.99), targets.P99);
            report.Duration("answer max", durations[^1]);
            using var process = Process.GetCurrentProcess();
            report.Bytes("working set after answering", process.WorkingSet64, limit: null);
            report.Bytes("peak working set", process.PeakWorkingSet64, limit: null);
            report.Slowest(questions, perQuestion);
            if (args.Contains("--sections"))
            {
                await AnswerSections.RunAsync(harness, questions, rounds: scale ? 1 : 100, report);
            }

            return report.Missed ? 1 : 0;
        }
        finally
        {
            folder?.Dispose();
        }
    }

    private static long Percentile(long[] sorted, double share) =>
        sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static int? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : null;
    }
}
