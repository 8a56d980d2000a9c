using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// The kinds of value a pack file holds beyond plain text (ids, numbers, choices, texts in both
/// languages), each read from a <see cref="YamlMap"/> with what is wrong with it reported.
/// </summary>
internal static partial class YamlMapValues
{
    private static readonly string[] LocalizedKeys = ["en", "de"];
    private static readonly (string Code, string Name)[] AnalysedLanguages = [("en", "English"), ("de", "German")];

    /// <summary>An identifier: non-empty text without whitespace, so it can be typed in chat commands.</summary>
    public static string? Id(this YamlMap map, string key = "id")
    {
        var id = map.Text(key);
        if (id is not null && id.Any(char.IsWhiteSpace))
        {
            map.Report(map.At(key), $"{map.What}: '{key}' {Shown.Text(id)} must not contain spaces");
            return null;
        }

        return id;
    }

    /// <summary>Reads the entry's <c>id</c> and registers it, reporting a duplicate.</summary>
    public static string? DefineId(this YamlMap map, IdIndex index)
    {
        var id = map.Id();
        if (id is not null)
        {
            index.Add(id, map.File, map.At("id"), map.Errors);
        }

        return id;
    }

    public static int? Integer(this YamlMap map, string key)
    {
        var text = map.Text(key);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            map.Report(map.At(key), $"{map.What}: '{key}' must be a whole number; found {Shown.Text(text)}");
            return null;
        }

        return value;
    }

    /// <summary>An optional moment in ISO 8601 (<c>2025-01-23</c> or <c>2025-01-23T14:30:00Z</c>); without an offset it is UTC.</summary>
    public static DateTimeOffset? Moment(this YamlMap map, string key)
    {
        var text = map.Text(key, required: false);
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment)
            && text.Length >= 10 && char.IsAsciiDigit(text[0]))
        {
            return moment;
        }

        map.Report(map.At(key), $"{map.What}: '{key}' must be a date or a time in ISO 8601, e.g. 2025-01-23 or 2025-01-23T14:30:00Z; found {Shown.Text(text)}");
        return null;
    }

    /// <summary>One of <paramref name="values"/> by its lower-case name; anything else is reported with the allowed names.</summary>
    public static TEnum? Choice<TEnum>(this YamlMap map, string key, IReadOnlyDictionary<string, TEnum> values, bool required = true)
        where TEnum : struct, Enum
    {
        var text = map.Text(key, required);
        if (text is null)
        {
            return null;
        }

        if (values.TryGetValue(text, out var value))
        {
            return value;
        }

        var hint = Nearest.Within(text, values.Keys) is { } near ? $" (did you mean '{near}'?)" : "";
        map.Report(map.At(key), $"{map.What}: unknown {key} '{text}'{hint}; allowed: {string.Join(", ", values.Keys)}");
        return null;
    }

    /// <summary>An <c>{en, de}</c> mapping with both texts present: every curated text exists in both languages.</summary>
    public static LocalizedText? Localized(this YamlMap map, string key)
    {
        var node = map.Node(key, required: true);
        if (node is null)
        {
            return null;
        }

        var inner = YamlMap.Open(node, map.File, map.Errors, $"{map.What}: '{key}'", LocalizedKeys);
        if (inner is null)
        {
            return null;
        }

        var en = inner.TranslationText("en", "English");
        var de = inner.TranslationText("de", "German");
        return en is null || de is null ? null : new LocalizedText(en, de);
    }

    private static string? TranslationText(this YamlMap map, string key, string language)
    {
        var node = map.Node(key, required: false);
        if (node is null || node is YamlScalarNode { Value: null } || (node is YamlScalarNode s && string.IsNullOrWhiteSpace(s.Value)))
        {
            map.Report(node?.Start ?? map.Start, $"{map.What} has no {language} text ('{key}')");
            return null;
        }

        return map.Text(key);
    }

    /// <summary>
    /// A mapping of language codes to texts (<c>{en: …, de: …, fr: …}</c>): English and German are
    /// required, being the languages the engine analyses; a pack may add any other language.
    /// </summary>
    public static TextInLanguages? Languages(this YamlMap map, string key, bool required = true)
    {
        var node = map.Node(key, required);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            map.Report(node.Start, $"{map.What}: '{key}' must be a mapping of language codes to texts, e.g. {{en: \"…\", de: \"…\"}}; found {YamlMap.Describe(node)}");
            return null;
        }

        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var complete = true;
        foreach (var (codeNode, value) in mapping.Children)
        {
            if (codeNode is not YamlScalarNode { Value: { } code } || !LanguageCode().IsMatch(code))
            {
                map.Report(codeNode.Start, $"{map.What}: '{key}': {YamlMap.Describe(codeNode)} is not a language code (two or three lower-case letters, e.g. 'fr')");
                complete = false;
            }
            else if (value is not YamlScalarNode { Value: { } text } || string.IsNullOrWhiteSpace(text))
            {
                map.Report(value.Start, $"{map.What}: '{key}': the '{code}' text must be a non-empty text; found {YamlMap.Describe(value)}");
                complete = false;
            }
            else if (DraftText.IsPlaceholder(text))
            {
                map.ReportPlaceholder(value.Start, $"{key}: {code}", text);
                complete = false;
            }
            else
            {
                texts[code] = text;
            }
        }

        foreach (var (code, name) in AnalysedLanguages.Where(l => !mapping.Children.ContainsKey(new YamlScalarNode(l.Code))))
        {
            map.Report(node.Start, $"{map.What}: '{key}' has no {name} text ('{code}')");
            complete = false;
        }

        return complete ? new TextInLanguages(texts) : null;
    }

    [GeneratedRegex("^[a-z]{2,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageCode();
}
