using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// The kinds of value a pack file holds beyond plain text (numbers, moments, choices, texts per
/// language, lists), each read from a <see cref="YamlMap"/> whose shape the schema has checked.
/// </summary>
internal static class YamlMapValues
{
    /// <summary>Reads the entry's <c>id</c> and registers it, reporting a duplicate.</summary>
    public static string? DefineId(this YamlMap map, IdIndex index)
    {
        var id = map.Text("id");
        if (id is not null)
        {
            index.Add(id, map.File, map.At("id"), map.Errors);
        }

        return id;
    }

    public static int? Integer(this YamlMap map, string key) =>
        int.TryParse(map.Text(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>An optional moment in ISO 8601 (<c>2025-01-23</c> or <c>2025-01-23T14:30:00Z</c>); without an offset it is UTC.</summary>
    public static DateTimeOffset? Moment(this YamlMap map, string key)
    {
        var text = map.Text(key);
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment))
        {
            return moment;
        }

        // The schema checks the form; whether the day exists (2025-02-30) only a calendar can say.
        if (!map.Errors.Has(map.File, map.At(key)))
        {
            map.Report(map.At(key), $"{map.What}: '{key}' must be a date or a time in ISO 8601, e.g. 2025-01-23 or 2025-01-23T14:30:00Z; found {Shown.Text(text)}");
        }

        return null;
    }

    /// <summary>A yes-or-no the schema has checked is a boolean; false when absent.</summary>
    public static bool Flag(this YamlMap map, string key) =>
        map.Node(key) is YamlScalarNode { Value: { } text } && bool.TryParse(text, out var flag) && flag;

    /// <summary>A value of <typeparamref name="TEnum"/> by its lower-case name, one of those the schema lists.</summary>
    public static TEnum? Choice<TEnum>(this YamlMap map, string key)
        where TEnum : struct, Enum =>
        map.Text(key) is { } text ? Enum.GetValues<TEnum>().Select(v => (TEnum?)v).FirstOrDefault(v => string.Equals(v.ToString(), text, StringComparison.OrdinalIgnoreCase)) : null;

    /// <summary>An <c>{en, de}</c> mapping with both texts present: every curated text exists in both languages.</summary>
    public static LocalizedText? Localized(this YamlMap map, string key)
    {
        // Both are read, so a placeholder in each is reported.
        var inner = map.Map(key);
        var (en, de) = (inner?.Text("en"), inner?.Text("de"));
        return en is null || de is null ? null : new LocalizedText(en, de);
    }

    /// <summary>
    /// A mapping of language codes to texts (<c>{en: …, de: …, fr: …}</c>): English and German are
    /// required, being the languages the engine analyses; a pack may add any other language.
    /// </summary>
    public static TextInLanguages? Languages(this YamlMap map, string key)
    {
        if (map.Node(key) is not YamlMappingNode mapping)
        {
            return null;
        }

        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (code, value) in mapping.Children)
        {
            if (code is YamlScalarNode { Value: { } name } && value is YamlScalarNode { Value: { } text } && !string.IsNullOrWhiteSpace(text))
            {
                if (DraftText.IsPlaceholder(text))
                {
                    map.ReportPlaceholder(value.Start, $"{key}: {name}", text);
                }
                else
                {
                    texts[name] = text;
                }
            }
        }

        return texts.Count == mapping.Children.Count && texts.ContainsKey("en") && texts.ContainsKey("de") ? new TextInLanguages(texts) : null;
    }

    /// <summary>A list of texts, each with its position (for reference checks); empty when absent, null when not a list of texts.</summary>
    public static IReadOnlyList<Located<string>>? TextList(this YamlMap map, string key)
    {
        var node = map.Node(key);
        if (node is null)
        {
            return [];
        }

        var items = (node as YamlSequenceNode)?.Children
            .Select(child => child is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value) ? new Located<string>(value, child.Start) : (Located<string>?)null)
            .ToList();
        return items is null || items.Any(i => i is null) ? null : [.. items.Select(i => i!.Value)];
    }

    /// <summary>The entries of a list (e.g. the flags of a source); empty when absent or not a list.</summary>
    public static IReadOnlyList<YamlNode> Sequence(this YamlMap map, string key) =>
        map.Node(key) is YamlSequenceNode sequence ? [.. sequence.Children] : [];
}
