using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.Core.Tests.TestSupport;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StoryBot.Core.Tests.Knowledge.Loading;

/// <summary>
/// The pack's JSON Schemas (<c>knowledge/schemas/</c>) applied to one file's text alone, two ways: as the
/// loader applies them (<see cref="PackSchema"/>: every scalar a text), and as curators' editors do, a
/// plain scalar typed by the YAML 1.2 core schema (<c>10</c> is a number, <c>"10"</c> a text, <c>true</c>
/// a boolean, an empty value null), a quoted or block scalar a text.
/// </summary>
internal static partial class PackSchemas
{
    public const string ModelinePrefix = "# yaml-language-server: $schema=";

    // Built once each: a schema registers its $id globally, and a second build of the same $id is refused.
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Built = new(StringComparer.Ordinal);

    public static string Folder => Path.Combine(RepoRoot.Knowledge, "schemas");

    /// <summary>What the loader's check of the schema refuses in <paramref name="yaml"/>, one line per problem; empty when the file meets it.</summary>
    public static IReadOnlyList<string> Problems(string schemaFile, string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var errors = new PackErrors();
        PackSchema.All.Single(s => s.FileName == schemaFile)
            .Check(stream.Documents[0].RootNode, new PackFile("file.yaml", "file.yaml", Encoding.UTF8.GetBytes(yaml)), yaml, errors);
        return [.. errors.Sorted().Select(e => e.ToString())];
    }

    public static bool Meets(string schemaFile, string yaml) => Problems(schemaFile, yaml).Count == 0;

    /// <summary>What an editor's check of the schema refuses in <paramref name="yaml"/>, one line per failed keyword.</summary>
    public static IReadOnlyList<string> EditorProblems(string schemaFile, string yaml)
    {
        var schema = Built.GetOrAdd(schemaFile, name => new Lazy<JsonSchema>(() => JsonSchema.FromFile(Path.Combine(Folder, name)))).Value;
        var results = schema.Evaluate(JsonSerializer.SerializeToElement(AsJson(yaml)), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        var problems = (results.Details ?? [])
            .Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"))
            .ToList();
        return problems.Count > 0 ? problems : ["does not meet the schema"];
    }

    public static bool MeetsInAnEditor(string schemaFile, string yaml) => EditorProblems(schemaFile, yaml).Count == 0;

    /// <summary>The file's first document as JSON; null for a file with no document, as an editor reads it.</summary>
    private static JsonNode? AsJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? null : AsJson(stream.Documents[0].RootNode);
    }

    private static JsonNode? AsJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, AsJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(AsJson)]),
        YamlScalarNode { Style: ScalarStyle.Plain, Tag.IsEmpty: true } plain => Typed(plain.Value ?? ""),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    // The YAML 1.2 core schema's reading of a plain scalar. Infinity and NaN (.inf, .nan, 1e400) have no
    // JSON form and stay texts.
    private static JsonNode? Typed(string plain)
    {
        switch (plain)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (DecimalInteger().IsMatch(plain) && decimal.TryParse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (plain.StartsWith("0o", StringComparison.Ordinal) && OctalDigits().IsMatch(plain[2..]))
        {
            return JsonValue.Create(Convert.ToInt64(plain[2..], 8));
        }

        if (plain.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(plain[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return JsonValue.Create(hex);
        }

        if (Float().IsMatch(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(plain);
    }

    [GeneratedRegex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalInteger();

    [GeneratedRegex("^[0-7]{1,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex OctalDigits();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Float();
}
