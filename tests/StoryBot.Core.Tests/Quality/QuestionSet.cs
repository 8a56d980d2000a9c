using StoryBot.Core.Tests.TestSupport;
using YamlDotNet.RepresentationModel;

namespace StoryBot.Core.Tests.Quality;

/// <param name="Expected">Excerpt ids that answer the question, best first; empty when the story cannot answer it.</param>
internal sealed record EvaluationQuestion(string Question, string Language, IReadOnlyList<string> Expected)
{
    public bool Answerable => Expected.Count > 0;
}

/// <summary>Reads Quality/questions.yaml, the evaluation set written before the engine was tuned.</summary>
internal static class QuestionSet
{
    public static IReadOnlyList<EvaluationQuestion> Load()
    {
        var path = Path.Combine(RepoRoot.Path, "tests", "StoryBot.Core.Tests", "Quality", "questions.yaml");
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
                ((YamlScalarNode)item.Children[new YamlScalarNode("question")]).Value!,
                ((YamlScalarNode)item.Children[new YamlScalarNode("language")]).Value!,
                expected));
        }

        return questions;
    }
}
