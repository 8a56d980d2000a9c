using System.Diagnostics;
using StoryBot.Benchmarks.Support;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Retrieval;

namespace StoryBot.Benchmarks.Latency;

/// <summary>
/// Where an answer's time goes: each question is taken through the engine's stages one by one
/// (language detection, question analysis, excerpt ranking, the whole search, the whole reply),
/// and the total per stage is printed. Used with <c>latency --sections</c> to find hot spots.
/// </summary>
internal static class AnswerSections
{
    public static async Task RunAsync(ChatBotHarness harness, IReadOnlyList<string> questions, int rounds, LatencyReport report)
    {
        var index = harness.BuildIndex();
        var totals = new long[6];
        for (var round = 0; round < rounds; round++)
        {
            foreach (var question in questions)
            {
                var tc = Stopwatch.GetTimestamp();
                StoryBot.Core.Answering.QuestionCleaner.Clean(question);
                QuestionParts.Split(question);
                RelativeDay.Read(question);
                var t0 = Stopwatch.GetTimestamp();
                var language = LanguageDetector.Detect(question, StoryAnalyzers.Terms(StoryAnalyzers.Surface, question), index, Language.English);
                var t1 = Stopwatch.GetTimestamp();
                var analyzed = QuestionAnalyzer.Analyze(question, index, language);
                var t2 = Stopwatch.GetTimestamp();
                Retriever.RankExcerpts(analyzed, index);
                var t3 = Stopwatch.GetTimestamp();
                Retriever.Search(analyzed, index, 3);
                var t4 = Stopwatch.GetTimestamp();
                await harness.ChatBot.RespondAsync(ChatBotHarness.Question(question), CancellationToken.None);
                var t5 = Stopwatch.GetTimestamp();
                totals[5] += t0 - tc;
                totals[0] += t1 - t0;
                totals[1] += t2 - t1;
                totals[2] += t3 - t2;
                totals[3] += t4 - t3;
                totals[4] += t5 - t4;
            }
        }

        var asked = rounds * questions.Count;
        report.Line($"mean per question, by stage ({asked:N0} questions):");
        string[] stages = ["language detection", "question analysis", "excerpt ranking", "search (ranking + statements)", "whole reply (RespondAsync)", "cleaning, parts, relative day"];
        for (var i = 0; i < stages.Length; i++)
        {
            report.Duration("  " + stages[i], totals[i] / asked);
        }
    }
}
