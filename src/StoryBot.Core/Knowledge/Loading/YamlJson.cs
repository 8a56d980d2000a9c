using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// A pack file's YAML as the JSON its schema is applied to, read as curators' editors read it: a plain
/// scalar typed by the YAML 1.2 core schema (<c>10</c> a number, <c>true</c> a boolean, an empty value
/// null), a quoted or block scalar a text. The YAML nodes keep their positions; <see cref="Find"/> leads
/// from a JSON pointer back to them.
/// </summary>
internal static partial class YamlJson
{
    /// <summary>Writes <paramref name="root"/> as JSON; a key that is not plain text has no JSON form and is left out, and added to <paramref name="unwritable"/>.</summary>
    public static ReadOnlyMemory<byte> Write(YamlNode root, List<YamlNode> unwritable)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, root, unwritable);
        }

        return buffer.WrittenMemory;
    }

    /// <summary>
    /// The node at <paramref name="pointer"/> (a JSON pointer such as <c>/3/statement/de</c>) and, when it
    /// is the value of a mapping entry, that entry's key; nulls where the path leads nowhere.
    /// </summary>
    public static (YamlNode? Node, YamlNode? Key) Find(YamlNode root, IReadOnlyList<string> pointer)
    {
        YamlNode? node = root;
        YamlNode? key = null;
        foreach (var segment in pointer)
        {
            (node, key) = node switch
            {
                YamlMappingNode mapping => mapping.Children
                    .Where(c => c.Key is YamlScalarNode { Value: var k } && (k ?? "") == segment)
                    .Select(c => ((YamlNode?)c.Value, (YamlNode?)c.Key))
                    .FirstOrDefault(),
                YamlSequenceNode sequence when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < sequence.Children.Count
                    => (sequence.Children[index], null),
                _ => (null, null),
            };
            if (node is null)
            {
                break;
            }
        }

        return (node, key);
    }

    /// <summary>The segments of a JSON pointer as written in evaluation results (<c>/a~1b/0</c>), unescaped.</summary>
    public static string[] Segments(string pointer) =>
        pointer.Length == 0 ? [] : [.. pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];

    private static void Write(Utf8JsonWriter writer, YamlNode node, List<YamlNode> unwritable)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: var name })
                    {
                        unwritable.Add(key);
                        continue;
                    }

                    writer.WritePropertyName(Utf16(name ?? ""));
                    Write(writer, value, unwritable);
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Children)
                {
                    Write(writer, item, unwritable);
                }

                writer.WriteEndArray();
                break;
            case YamlScalarNode { Style: ScalarStyle.Plain, Tag.IsEmpty: true } plain:
                WritePlain(writer, plain.Value ?? "");
                break;
            case YamlScalarNode scalar:
                writer.WriteStringValue(Utf16(scalar.Value ?? ""));
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    // The YAML 1.2 core schema's reading of a plain scalar. Infinity and NaN (.inf, .nan, 1e400) have no
    // JSON form and stay texts.
    private static void WritePlain(Utf8JsonWriter writer, string plain)
    {
        switch (plain)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                writer.WriteNullValue();
                return;
            case "true" or "True" or "TRUE":
                writer.WriteBooleanValue(true);
                return;
            case "false" or "False" or "FALSE":
                writer.WriteBooleanValue(false);
                return;
        }

        if (DecimalInteger().IsMatch(plain) && decimal.TryParse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            writer.WriteNumberValue(integer);
        }
        else if (plain.StartsWith("0o", StringComparison.Ordinal) && OctalDigits().IsMatch(plain[2..]))
        {
            writer.WriteNumberValue(Convert.ToInt64(plain[2..], 8));
        }
        else if (plain.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(plain[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            writer.WriteNumberValue(hex);
        }
        else if (Float().IsMatch(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(Utf16(plain));
        }
    }

    // A YAML escape can make half a surrogate pair ("\uD800"), which JSON writers refuse; for validation it
    // may stand as U+FFFD, as the UTF-8 round trip renders it.
    private static string Utf16(string text) =>
        text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') ? Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)) : text;

    [GeneratedRegex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalInteger();

    [GeneratedRegex("^[0-7]{1,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex OctalDigits();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Float();
}
