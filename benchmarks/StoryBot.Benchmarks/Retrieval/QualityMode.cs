using System.Globalization;
using StoryBot.Benchmarks.Support;
using StoryBot.Core.Knowledge.Loading;
using YamlDotNet.RepresentationModel;

namespace StoryBot.Benchmarks.Retrieval;

/// <summary>
/// Answer quality per retrieval mode, side by side: plain BM25 (which never abstains), the
/// keyword engine alone and the hybrid engine, over the development, test and held-out question
/// sets of tests/StoryBot.Core.Tests/Quality. The figures match AnswerQualityTests for the modes
/// the tests run.
/// Usage: quality
/// </summary>
internal static class QualityMode
{
    public const string Name = "quality";

    private static readonly string[] Sets = ["development", "test", "heldout"];

    public static async Task<int> RunAsync()
    {
        var pack = KnowledgePackLoader.Load(RepositoryPack.StoryPath());
        var bm25 = new Bm25Baseline(pack);
        using var lexical = new ChatBotHarness(pack, "Lexical");
        using var hybrid = new ChatBotHarness(pack, "Hybrid");
        Console.WriteLine("| set | mode | top-1 | top-3 | false abstention | abstained when unanswerable |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var set in Sets)
        {
            var questions = Load(set);
            Print(set, "BM25 over the excerpts", questions.Select(q => (q, (IReadOnlyList<string>)bm25.Rank(q.Text), false)));
            foreach (var (mode, harness) in new[] { ("lexical", lexical), ("hybrid", hybrid) })
            {
                var results = new List<(Question, IReadOnlyList<string>, bool)>();
                foreach (var question in questions)
                {
                    var reply = await harness.ChatBot.RespondAsync(ChatBotHarness.Question(question.Text), CancellationToken.None);
                    results.Add((question, [.. reply.Citations.Select(c => c.Id)], reply.Abstained));
                }

                Print(set, mode, results);
            }
        }

        return 0;
    }

    private static void Print(string set, string mode, IEnumerable<(Question Question, IReadOnlyList<string> Cited, bool Abstained)> results)
    {
        int answerable = 0, top1 = 0, top3 = 0, falseAbstained = 0, unanswerable = 0, abstained = 0;
        foreach (var (question, cited, didAbstain) in results)
        {
            if (question.Expected.Count == 0)
            {
                unanswerable++;
                abstained += didAbstain || cited.Count == 0 ? 1 : 0;
                continue;
            }

            answerable++;
            top1 += cited.Count > 0 && question.Expected.Contains(cited[0]) ? 1 : 0;
            top3 += cited.Take(3).Any(question.Expected.Contains) ? 1 : 0;
            falseAbstained += didAbstain || cited.Count == 0 ? 1 : 0;
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {set} ({answerable} + {unanswerable}) | {mode} | {Share(top1, answerable)} | {Share(top3, answerable)} | {Share(falseAbstained, answerable)} | {Share(abstained, unanswerable)} |"));
    }

    private static string Share(int count, int total) => string.Create(CultureInfo.InvariantCulture, $"{100.0 * count / Math.Max(1, total):F1} %");

    private static List<Question> Load(string set)
    {
        var path = Path.Combine(RepositoryPack.Root(), "tests", "StoryBot.Core.Tests", "Quality", set + ".yaml");
        using var reader = new StreamReader(path);
        var yaml = new YamlStream();
        yaml.Load(reader);
        return
        [
            .. ((YamlSequenceNode)yaml.Documents[0].RootNode).Children.Cast<YamlMappingNode>().Select(item => new Question(
                ((YamlScalarNode)item.Children[new YamlScalarNode("question")]).Value!,
                item.Children[new YamlScalarNode("expect")] is YamlSequenceNode list ? [.. list.Children.Cast<YamlScalarNode>().Select(s => s.Value!)] : [])),
        ];
    }

    private sealed record Question(string Text, IReadOnlyList<string> Expected);
}
