using StoryBot.Core.Tests.TestSupport;
using YamlDotNet.RepresentationModel;

namespace StoryBot.Core.Tests.Quality;

/// <param name="Expected">Excerpt ids that answer the question, best first; empty when the story cannot answer it.</param>
/// <param name="Kind">What sort of question it is (paraphrase, chat, multi, ...); "-" when the set does not say.</param>
internal sealed record EvaluationQuestion(string Question, string Language, IReadOnlyList<string> Expected, string Kind = "-")
{
    public bool Answerable => Expected.Count > 0;
}

/// <summary>
/// The three question sets of Quality/README.md: <c>development</c> (the engine may be tuned on
/// it), <c>test</c> and <c>heldout</c> (reported only).
/// </summary>
internal static class QuestionSet
{
    public const string Development = "development";
    public const string Test = "test";
    public const string HeldOut = "heldout";

    public static IReadOnlyList<EvaluationQuestion> Load(string name)
    {
        var path = Path.Combine(RepoRoot.Path, "tests", "StoryBot.Core.Tests", "Quality", name + ".yaml");
        using var reader = new StreamReader(path);
        var yaml = new YamlStream();
        yaml.Load(reader);
        var questions = new List<EvaluationQuestion>();
        foreach (var item in ((YamlSequenceNode)yaml.Documents[0].RootNode).Children.Cast<YamlMappingNode>())
        {
            var expect = item.Children[new YamlScalarNode("expect")];
            IReadOnlyList<string> expected = expect is YamlSequenceNode list
                ? [.. list.Children.Cast<YamlScalarNode>().Select(s => s.Value!)]
                : [];
            questions.Add(new EvaluationQuestion(
                Scalar(item, "question")!,
                Scalar(item, "language")!,
                expected,
                Scalar(item, "kind") ?? "-"));
        }

        return questions;
    }

    private static string? Scalar(YamlMappingNode item, string key) =>
        item.Children.TryGetValue(new YamlScalarNode(key), out var node) ? ((YamlScalarNode)node).Value : null;
}
