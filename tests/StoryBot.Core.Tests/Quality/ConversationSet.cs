using StoryBot.Core.Tests.TestSupport;
using YamlDotNet.RepresentationModel;

namespace StoryBot.Core.Tests.Quality;

/// <summary>One turn of an evaluation conversation.</summary>
/// <param name="Kind">How it leans on the turns before (pronoun, ellipsis, more, topic-change, ambiguous, unanswerable); "first" for the opening question.</param>
/// <param name="Expected">Excerpt ids any of which is a right first citation; empty when the story does not answer it.</param>
/// <param name="Candidates">For an ambiguous turn, the people the bot should ask about.</param>
internal sealed record ConversationTurnCase(string Question, string Kind, IReadOnlyList<string> Expected, IReadOnlyList<string> Candidates)
{
    public bool Ambiguous => Kind == "ambiguous";
}

internal sealed record ConversationCase(string Id, IReadOnlyList<ConversationTurnCase> Turns);

/// <summary>The follow-up conversations of Quality/conversations.yaml, in their development and test parts.</summary>
internal static class ConversationSet
{
    public static IReadOnlyList<ConversationCase> Load(string part)
    {
        var path = Path.Combine(RepoRoot.Path, "tests", "StoryBot.Core.Tests", "Quality", "conversations.yaml");
        using var reader = new StreamReader(path);
        var yaml = new YamlStream();
        yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return [.. ((YamlSequenceNode)root.Children[new YamlScalarNode(part)]).Children.Cast<YamlMappingNode>().Select(Conversation)];
    }

    private static ConversationCase Conversation(YamlMappingNode node) =>
        new(Scalar(node, "id")!, [.. ((YamlSequenceNode)node.Children[new YamlScalarNode("turns")]).Children.Cast<YamlMappingNode>().Select(Turn)]);

    private static ConversationTurnCase Turn(YamlMappingNode node)
    {
        var expect = node.Children[new YamlScalarNode("expect")];
        IReadOnlyList<string> expected = expect is YamlSequenceNode list ? [.. list.Children.Cast<YamlScalarNode>().Select(s => s.Value!)] : [];
        IReadOnlyList<string> candidates = node.Children.TryGetValue(new YamlScalarNode("candidates"), out var c) && c is YamlSequenceNode names
            ? [.. names.Children.Cast<YamlScalarNode>().Select(s => s.Value!)]
            : [];
        var kind = Scalar(node, "kind") ?? "first";
        return new ConversationTurnCase(Scalar(node, "question")!, expect is YamlScalarNode { Value: "ambiguous" } ? "ambiguous" : kind, expected, candidates);
    }

    private static string? Scalar(YamlMappingNode item, string key) =>
        item.Children.TryGetValue(new YamlScalarNode(key), out var node) ? ((YamlScalarNode)node).Value : null;
}
