using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// A YAML mapping of a pack file whose shape its schema has checked (<see cref="PackSchema"/>): a value of
/// the wrong shape reads as null, the schema having reported it. What a schema cannot say the readers
/// report through <see cref="Report"/>, naming the entry by <see cref="What"/>.
/// </summary>
/// <remarks>Values other than plain text are read by <see cref="YamlMapValues"/>.</remarks>
internal sealed class YamlMap
{
    private static readonly YamlScalarNode IdKey = new("id");

    private readonly Dictionary<string, YamlNode> _entries = new(StringComparer.Ordinal);

    private YamlMap(YamlMappingNode node, PackFile file, PackErrors errors, string what)
    {
        Start = node.Start;
        File = file;
        Errors = errors;
        What = what;
        foreach (var (key, value) in node.Children)
        {
            if (key is YamlScalarNode { Value: { } name })
            {
                _entries[name] = value;
            }
        }
    }

    /// <summary>Names the thing being read in messages, e.g. <c>excerpt 'dek'</c>.</summary>
    public string What { get; }

    public Mark Start { get; }

    public PackFile File { get; }

    public PackErrors Errors { get; }

    /// <summary>Reads <paramref name="node"/> as a mapping named by its id when it has one; null if it is not a mapping.</summary>
    public static YamlMap? Open(YamlNode node, PackFile file, PackErrors errors, string what)
    {
        if (node is not YamlMappingNode mapping)
        {
            return null;
        }

        return mapping.Children.TryGetValue(IdKey, out var idNode) && idNode is YamlScalarNode { Value: { Length: > 0 } id }
            ? new YamlMap(mapping, file, errors, $"{what} '{id}'")
            : new YamlMap(mapping, file, errors, what);
    }

    public bool Has(string key) => _entries.ContainsKey(key);

    /// <summary>Where the value of <paramref name="key"/> starts, or the mapping itself when the key is absent.</summary>
    public Mark At(string key) => _entries.TryGetValue(key, out var value) ? value.Start : Start;

    public YamlNode? Node(string key) => _entries.GetValueOrDefault(key);

    /// <summary>The mapping under <paramref name="key"/>, named <c>What: key</c>; null when absent or not a mapping.</summary>
    public YamlMap? Map(string key) => Node(key) is { } node ? Open(node, File, Errors, $"{What}: '{key}'") : null;

    /// <summary>A non-empty text; null when missing, empty, not a text, or a draft's placeholder (reported).</summary>
    public string? Text(string key)
    {
        if (Node(key) is not YamlScalarNode { Value: { } text } node || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DraftText.IsPlaceholder(text))
        {
            ReportPlaceholder(node.Start, key, text);
            return null;
        }

        return text;
    }

    /// <summary>A draft's placeholder is a text still to write: the pack is not served until it is.</summary>
    public void ReportPlaceholder(Mark at, string key, string text) =>
        Report(at, $"{What}: '{key}' is still a draft placeholder ({Shown.Text(text)}); write it, then run storybot curate check");

    public void Report(Mark at, string message) => Errors.Add(File, at, message);

    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode { Value: null or "" } => "nothing",
        YamlScalarNode scalar => $"the text {Shown.Text(scalar.Value!)}",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };
}
