using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// A YAML mapping read against a fixed set of keys. Unknown keys (typos such as <c>citaions</c>) and
/// missing required keys are reported instead of ignored; every read reports what is wrong with the value.
/// </summary>
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
            _errors.Add(_file, Start, $"{What}: missing key '{key}'");
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
            _errors.Add(_file, node.Start, $"{What}: '{key}' must be a text; found {Describe(node)}");
            return null;
        }

        if (string.IsNullOrWhiteSpace(scalar.Value))
        {
            _errors.Add(_file, node.Start, $"{What}: '{key}' is empty");
            return null;
        }

        return scalar.Value;
    }

    /// <summary>An identifier: non-empty text without whitespace, so it can be typed in chat commands.</summary>
    public string? Id(string key = "id")
    {
        var id = Text(key);
        if (id is not null && id.Any(char.IsWhiteSpace))
        {
            _errors.Add(_file, At(key), $"{What}: '{key}' {Shown.Text(id)} must not contain spaces");
            return null;
        }

        return id;
    }

    /// <summary>Reads the entry's <c>id</c> and registers it, reporting a duplicate.</summary>
    public string? DefineId(IdIndex index)
    {
        var id = Id();
        if (id is not null)
        {
            index.Add(id, _file, At("id"), _errors);
        }

        return id;
    }

    public int? Integer(string key)
    {
        var text = Text(key);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            _errors.Add(_file, At(key), $"{What}: '{key}' must be a whole number; found {Shown.Text(text)}");
            return null;
        }

        return value;
    }

    /// <summary>One of <paramref name="values"/> by its lower-case name; anything else is reported with the allowed names.</summary>
    public TEnum? Choice<TEnum>(string key, IReadOnlyDictionary<string, TEnum> values, bool required = true)
        where TEnum : struct, Enum
    {
        var text = Text(key, required);
        if (text is null)
        {
            return null;
        }

        if (values.TryGetValue(text, out var value))
        {
            return value;
        }

        var hint = Nearest.Within(text, values.Keys) is { } near ? $" (did you mean '{near}'?)" : "";
        _errors.Add(_file, At(key), $"{What}: unknown {key} '{text}'{hint}; allowed: {string.Join(", ", values.Keys)}");
        return null;
    }

    /// <summary>An <c>{en, de}</c> mapping with both texts present: every curated text exists in both languages.</summary>
    public LocalizedText? Localized(string key)
    {
        var node = Node(key, required: true);
        if (node is null)
        {
            return null;
        }

        var inner = Open(node, _file, _errors, $"{What}: '{key}'", LocalizedKeys);
        if (inner is null)
        {
            return null;
        }

        var en = inner.TranslationText("en", "English");
        var de = inner.TranslationText("de", "German");
        return en is null || de is null ? null : new LocalizedText(en, de);
    }

    /// <summary>A list of texts, each with its position (for reference checks).</summary>
    public IReadOnlyList<Located<string>>? TextList(string key, bool required, bool mustBeNonEmpty)
    {
        var node = Node(key, required);
        if (node is null)
        {
            return required ? null : [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            // A single id written without brackets is a common slip: the message shows the list form.
            _errors.Add(_file, node.Start, $"{What}: '{key}' must be a list, e.g. [a, b]; found {Describe(node)}");
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
                _errors.Add(_file, child.Start, $"{What}: every entry of '{key}' must be a non-empty text; found {Describe(child)}");
            }
        }

        if (mustBeNonEmpty && sequence.Children.Count == 0)
        {
            _errors.Add(_file, node.Start, $"{What}: '{key}' is empty; at least one is required");
        }

        return items;
    }

    /// <summary>A list of mappings (e.g. the flags of a source); an absent optional list is empty.</summary>
    public IReadOnlyList<YamlNode> Sequence(string key, bool required)
    {
        var node = Node(key, required);
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            _errors.Add(_file, node.Start, $"{What}: '{key}' must be a list; found {Describe(node)}");
            return [];
        }

        return [.. sequence.Children];
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode { Value: null or "" } => "nothing",
        YamlScalarNode scalar => $"the text {Shown.Text(scalar.Value!)}",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };

    private static readonly string[] LocalizedKeys = ["en", "de"];

    private string? TranslationText(string key, string language)
    {
        var node = Node(key, required: false);
        if (node is null || node is YamlScalarNode { Value: null } || (node is YamlScalarNode s && string.IsNullOrWhiteSpace(s.Value)))
        {
            _errors.Add(_file, node?.Start ?? Start, $"{What} has no {language} text ('{key}')");
            return null;
        }

        return Text(key);
    }
}

/// <summary>A value with the position it was read from.</summary>
internal readonly record struct Located<T>(T Value, Mark At);
