using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// A pack file's YAML as the JSON its schema is applied to, every scalar read as text as the loader reads
/// it (an empty plain one is null). The schemas allow a number or true/false wherever a text or whole
/// number goes, so an editor, which reads <c>10</c> as a number, agrees (but for whole numbers written
/// <c>1.0</c> or <c>0x10</c>, which only the loader refuses). The YAML nodes keep their positions;
/// <see cref="Find"/> leads from a JSON pointer back to them.
/// </summary>
internal static class YamlJson
{
    // No pack file nests half as deep; JSON readers refuse documents deeper than 64.
    private const int MaxDepth = 32;

    /// <summary>
    /// Writes <paramref name="root"/> as JSON. What has no JSON form (a key that is not plain text, a
    /// mapping or list nested deeper than any pack file needs) is left out, and said in <paramref name="unwritable"/>.
    /// </summary>
    public static ReadOnlyMemory<byte> Write(YamlNode root, List<(YamlNode Node, string Problem)> unwritable)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, root, unwritable, depth: 0);
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

    private static void Write(Utf8JsonWriter writer, YamlNode node, List<(YamlNode Node, string Problem)> unwritable, int depth)
    {
        if (depth == MaxDepth && node is YamlMappingNode or YamlSequenceNode)
        {
            unwritable.Add((node, $"nested more than {MaxDepth} levels deep; no pack file needs that"));
            writer.WriteNullValue();
            return;
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: var name })
                    {
                        unwritable.Add((key, $"a key must be plain text; found {YamlMap.Describe(key)}"));
                        continue;
                    }

                    writer.WritePropertyName(Utf16(name ?? ""));
                    Write(writer, value, unwritable, depth + 1);
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Children)
                {
                    Write(writer, item, unwritable, depth + 1);
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

    // The loader reads every value as text (order: "2" and order: 2 alike), so the schema sees a plain
    // scalar as text too; only an empty one (or ~, null) is null, a value left out.
    private static void WritePlain(Utf8JsonWriter writer, string plain)
    {
        if (plain is "" or "~" or "null" or "Null" or "NULL")
        {
            writer.WriteNullValue();
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
}
