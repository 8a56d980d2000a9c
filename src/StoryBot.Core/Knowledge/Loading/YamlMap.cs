using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// A YAML mapping read against a fixed set of keys. Unknown keys (typos such as <c>citaions</c>) and
/// missing required keys are reported instead of ignored; every read reports what is wrong with the value.
/// </summary>
/// <remarks>Values other than plain text are read by <see cref="YamlMapValues"/> and <see cref="YamlMapLists"/>.</remarks>
internal sealed class YamlMap
{
    private readonly Dictionary<string, YamlNode> _entries = new(StringComparer.Ordinal);

    // Keys a misspelt key was taken for: their absence is already reported with the typo.
    private readonly HashSet<string> _misspelt = new(StringComparer.Ordinal);
    private readonly PackFile _file;
    private readonly PackErrors _errors;

    private YamlMap(YamlMappingNode node, PackFile file, PackErrors errors, string what)
    {
        Start = node.Start;
        _file = file;
        _errors = errors;
        What = what;
    }

    /// <summary>Names the thing being read in messages, e.g. <c>excerpt 'dek'</c>.</summary>
    public string What { get; }

    public Mark Start { get; }

    public PackFile File => _file;

    public PackErrors Errors => _errors;

    /// <summary>Reads <paramref name="node"/> as a mapping allowing exactly <paramref name="keys"/>; null if it is not a mapping.</summary>
    public static YamlMap? Open(YamlNode node, PackFile file, PackErrors errors, string what, IReadOnlyCollection<string> keys)
    {
        if (node is not YamlMappingNode mapping)
        {
            errors.Add(file, node.Start, $"{what} must be a mapping with the keys {string.Join(", ", keys)}; found {Describe(node)}");
            return null;
        }

        // Name the entry by its id from the start, so even a typo in the key before 'id' says whose key it is.
        var id = keys.Contains("id") && mapping.Children.TryGetValue(new YamlScalarNode("id"), out var idNode) && idNode is YamlScalarNode { Value: { Length: > 0 } idValue }
            ? idValue
            : null;
        var map = new YamlMap(mapping, file, errors, id is null ? what : $"{what} '{id}'");
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                errors.Add(file, keyNode.Start, $"{map.What}: a key must be plain text; found {Describe(keyNode)}");
                continue;
            }

            if (!keys.Contains(key))
            {
                var near = Nearest.Within(key, keys);
                var hint = near is null ? "" : $" (did you mean '{near}'?)";
                if (near is not null)
                {
                    map._misspelt.Add(near);
                }

                errors.Add(file, keyNode.Start, $"{map.What}: unknown key '{key}'{hint}; allowed keys: {string.Join(", ", keys)}");
                continue;
            }

            map._entries[key] = value;
        }

        return map;
    }

    public bool Has(string key) => _entries.ContainsKey(key);

    /// <summary>Where the value of <paramref name="key"/> starts, or the mapping itself when the key is absent.</summary>
    public Mark At(string key) => _entries.TryGetValue(key, out var value) ? value.Start : Start;

    public YamlNode? Node(string key, bool required)
    {
        if (_entries.TryGetValue(key, out var value))
        {
            return value;
        }

        if (required && !_misspelt.Contains(key))
        {
            Report(Start, $"{What}: missing key '{key}'");
        }

        return null;
    }

    /// <summary>A non-empty text; null (reported) when missing, empty or not a text.</summary>
    public string? Text(string key, bool required = true)
    {
        var node = Node(key, required);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            Report(node.Start, $"{What}: '{key}' must be a text; found {Describe(node)}");
            return null;
        }

        if (string.IsNullOrWhiteSpace(scalar.Value))
        {
            Report(node.Start, $"{What}: '{key}' is empty");
            return null;
        }

        if (DraftText.IsPlaceholder(scalar.Value))
        {
            ReportPlaceholder(node.Start, key, scalar.Value);
            return null;
        }

        return scalar.Value;
    }

    /// <summary>A draft's placeholder is a text still to write: the pack is not served until it is.</summary>
    public void ReportPlaceholder(Mark at, string key, string text) =>
        Report(at, $"{What}: '{key}' is still a draft placeholder ({Shown.Text(text)}); write it, then run storybot curate check");

    public void Report(Mark at, string message) => _errors.Add(_file, at, message);

    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode { Value: null or "" } => "nothing",
        YamlScalarNode scalar => $"the text {Shown.Text(scalar.Value!)}",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };
}
