using YamlDotNet.RepresentationModel;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>Lists in a pack file (citations, aliases, a source's flags) read from a <see cref="YamlMap"/>.</summary>
internal static class YamlMapLists
{
    /// <summary>A list of texts, each with its position (for reference checks).</summary>
    public static IReadOnlyList<Located<string>>? TextList(this YamlMap map, string key, bool required, bool mustBeNonEmpty)
    {
        var node = map.Node(key, required);
        if (node is null)
        {
            return required ? null : [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            // A single id written without brackets is a common slip: the message shows the list form.
            map.Report(node.Start, $"{map.What}: '{key}' must be a list, e.g. [a, b]; found {YamlMap.Describe(node)}");
            return null;
        }

        var items = new List<Located<string>>(sequence.Children.Count);
        foreach (var child in sequence.Children)
        {
            if (child is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value))
            {
                items.Add(new Located<string>(value, child.Start));
            }
            else
            {
                map.Report(child.Start, $"{map.What}: every entry of '{key}' must be a non-empty text; found {YamlMap.Describe(child)}");
            }
        }

        if (mustBeNonEmpty && sequence.Children.Count == 0)
        {
            map.Report(node.Start, $"{map.What}: '{key}' is empty; at least one is required");
        }

        return items;
    }

    /// <summary>A list of mappings (e.g. the flags of a source); an absent optional list is empty.</summary>
    public static IReadOnlyList<YamlNode> Sequence(this YamlMap map, string key, bool required)
    {
        var node = map.Node(key, required);
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            map.Report(node.Start, $"{map.What}: '{key}' must be a list; found {YamlMap.Describe(node)}");
            return [];
        }

        return [.. sequence.Children];
    }
}
