using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using StoryBot.Core.Tests.TestSupport;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StoryBot.Core.Tests.Knowledge.Loading;

/// <summary>
/// The pack's JSON Schemas (<c>knowledge/schemas/</c>) applied to a pack file as curators' editors apply
/// them: the YAML is read as JSON, a plain scalar typed by the YAML 1.2 core schema (<c>10</c> is a number,
/// <c>"10"</c> a text, <c>true</c> a boolean, an empty value null), a quoted or block scalar a text.
/// </summary>
internal static partial class PackSchemas
{
    public const string ModelinePrefix = "# yaml-language-server: $schema=";

    // Built once each: a schema registers its $id globally, and a second build of the same $id is refused.
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Built = new(StringComparer.Ordinal);

    public static string Folder => Path.Combine(RepoRoot.Knowledge, "schemas");

    public static JsonSchema Get(string schemaFile) =>
        Built.GetOrAdd(schemaFile, name => new Lazy<JsonSchema>(() => JsonSchema.FromFile(Path.Combine(Folder, name)))).Value;

    /// <summary>What the schema refuses in <paramref name="yaml"/>, one line per failed keyword; empty when the file meets it.</summary>
    public static IReadOnlyList<string> Problems(string schemaFile, string yaml)
    {
        var results = Get(schemaFile).Evaluate(JsonSerializer.SerializeToElement(AsJson(yaml)), new EvaluationOptions { OutputFormat = OutputFormat.List });
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

    public static bool Meets(string schemaFile, string yaml) => Problems(schemaFile, yaml).Count == 0;

    /// <summary>The file's first document as JSON; null for a file with no document, as an editor reads it.</summary>
    public static JsonNode? AsJson(string yaml)
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
