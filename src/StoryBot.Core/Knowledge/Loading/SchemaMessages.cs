using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// Words a schema's failures for a curator: each at the line of the YAML node it concerns, naming the
/// entry by its id and the key by its name, with what was expected (taken from the schema: allowed keys,
/// choices, <c>patternErrorMessage</c>) and what was found, never the validator's own wording.
/// </summary>
internal sealed class SchemaMessages
{
    private static readonly Dictionary<string, string> AnalysedLanguages = new(StringComparer.Ordinal) { ["en"] = "English", ["de"] = "German" };

    private readonly PackSchema _schema;
    private readonly YamlNode _root;

    private SchemaMessages(PackSchema schema, YamlNode root) => (_schema, _root) = (schema, root);

    private sealed record Failure(string[] Path, string Keyword, string Said);

    public static IReadOnlyList<(Mark At, string Message)> Of(EvaluationResults results, PackSchema schema, YamlNode root)
    {
        var failures = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => new Failure(
                YamlJson.Segments(d.InstanceLocation.ToString()),
                e.Key.Length > 0 && !d.EvaluationPath.ToString().EndsWith("/propertyNames", StringComparison.Ordinal) ? e.Key : LastSegment(d.EvaluationPath.ToString()),
                e.Value)))
            .ToList();
        var messages = new SchemaMessages(schema, root);
        var found = failures.SelectMany(messages.Describe).ToList();
        return found.Count > 0 ? found : [(root.Start, $"{schema.Noun}: the file does not meet {schema.FileName}")];
    }

    private IEnumerable<(Mark, string)> Describe(Failure failure)
    {
        var path = failure.Path;
        var (node, key) = YamlJson.Find(_root, path);
        var at = node?.Start ?? _root.Start;
        var schema = Subschema(path);
        var value = node is YamlScalarNode { Value: var v } ? v ?? "" : null;
        var name = path.Length > 0 ? path[^1] : "";
        switch (failure.Keyword)
        {
            case "required":
                foreach (var missing in Missing(node, schema).Where(k => !IsMisspeltIn(node, schema, k)))
                {
                    yield return (at, LanguageMissing(path, missing) ?? $"{Context(path)}: missing key '{missing}'");
                }

                yield break;
            case "additionalProperties":
                var allowed = Keys(Subschema(path[..^1]));
                var hint = Nearest.Within(name, allowed) is { } near ? $" (did you mean '{near}'?)" : "";
                yield return (key?.Start ?? at, $"{Parent(path)}: unknown key '{name}'{hint}; allowed keys: {string.Join(", ", allowed)}");
                yield break;
            case "propertyNames":
                var names = Subschema(path[..^1])?["propertyNames"];
                yield return (key?.Start ?? at, $"{Parent(path)}: '{name}' {ErrorMessage(names) ?? "is not an allowed key"}");
                yield break;
        }

        if (path.Length > 0 && value is not null && string.IsNullOrWhiteSpace(value) && failure.Keyword is "type" or "pattern" or "enum")
        {
            yield return (at, LanguageMissing(path[..^1], name) ?? $"{Subject(path)} is empty");
            yield break;
        }

        var shown = value is null ? "" : $"; found {Shown.Text(value)}";
        yield return (at, failure.Keyword switch
        {
            "type" => $"{Subject(path)} must be {Expected(schema, path.Length == 0)}; found {(node is null ? "nothing" : YamlMap.Describe(node))}",
            "pattern" or "minimum" or "maximum" => $"{Subject(path)} {ErrorMessage(schema) ?? "is not allowed"}{shown}",
            "enum" => $"{Parent(path)}: unknown {name} '{value ?? YamlMap.Describe(node!)}'{Hint(value, Choices(schema))}; allowed: {string.Join(", ", Choices(schema))}",
            "minItems" => $"{Subject(path)} is empty; at least one is required",
            _ => $"{Subject(path)}: {failure.Said}",
        });
    }

    /// <summary>A missing or empty English or German text is named by its language, as curators think of it.</summary>
    private string? LanguageMissing(string[] textsPath, string code) =>
        AnalysedLanguages.TryGetValue(code, out var language) && Required(Subschema(textsPath)).Contains(code)
            ? $"{Context(textsPath)} has no {language} text ('{code}')"
            : null;

    /// <summary>A required key that an unknown key in the same mapping is a typo of: the typo is reported, not both.</summary>
    private static bool IsMisspeltIn(YamlNode? node, JsonObject? schema, string required)
    {
        var allowed = Keys(schema);
        return node is YamlMappingNode mapping && mapping.Children.Keys
            .OfType<YamlScalarNode>()
            .Any(k => k.Value is { } key && !allowed.Contains(key) && Nearest.Within(key, allowed) == required);
    }

    private static IEnumerable<string> Missing(YamlNode? node, JsonObject? schema)
    {
        var present = node is YamlMappingNode mapping ? mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").ToHashSet(StringComparer.Ordinal) : [];
        return Required(schema).Where(k => !present.Contains(k));
    }

    /// <summary>The entry and the keys leading to <paramref name="path"/>: <c>fact 'x': 'attribution'</c>, <c>source 'y': 'flags' entry 2</c>.</summary>
    private string Context(string[] segments)
    {
        if (_schema.IsList && segments.Length == 0)
        {
            return "the file";
        }

        var text = new StringBuilder(_schema.Noun);
        var entry = _schema.IsList ? YamlJson.Find(_root, segments[..1]).Node : _root;
        if (entry is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode("id"), out var id) && id is YamlScalarNode { Value: { } shownId } && !string.IsNullOrWhiteSpace(shownId))
        {
            text.Append(CultureInfo.InvariantCulture, $" '{shownId}'");
        }
        else if (_schema.IsList)
        {
            text.Append(CultureInfo.InvariantCulture, $" {Number(segments[0])}");
        }

        foreach (var segment in segments.Skip(_schema.IsList ? 1 : 0))
        {
            text.Append(IsIndex(segment) ? $" entry {Number(segment)}" : $": '{segment}'");
        }

        return text.ToString();
    }

    private string Subject(string[] path) => path.Length == 0 ? "the file" : Context(path);

    private string Parent(string[] path) => Context(path[..^1]);

    /// <summary>The schema that applies at <paramref name="path"/>, following <c>properties</c>, <c>items</c>, <c>additionalProperties</c> and <c>$ref</c>.</summary>
    private JsonObject? Subschema(string[] path)
    {
        var schema = Resolve(_schema.Document);
        foreach (var segment in path)
        {
            schema = Resolve(schema?["properties"]?[segment] ?? (IsIndex(segment) ? schema?["items"] : null) ?? schema?["additionalProperties"]);
        }

        return schema;
    }

    private JsonObject? Resolve(JsonNode? schema)
    {
        // Only references within the schema's own document ("#/$defs/text"); a few hops at most.
        for (var hops = 0; hops < 8 && schema is JsonObject { } o && o["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith("#/", StringComparison.Ordinal); hops++)
        {
            schema = YamlJson.Segments(reference[1..]).Aggregate((JsonNode?)_schema.Document, (n, s) => n is JsonObject parent ? parent[s] : null);
        }

        return schema as JsonObject;
    }

    /// <summary>What a value of <paramref name="schema"/> is, in a curator's words.</summary>
    private string Expected(JsonObject? schema, bool wholeFile)
    {
        var types = schema?["type"] switch
        {
            JsonArray list => list.Select(t => t?.GetValue<string>()).ToList(),
            JsonValue one => [one.GetValue<string>()],
            _ => [],
        };
        if (types.Contains("object"))
        {
            return schema!["propertyNames"] is not null
                ? "a mapping of language codes to texts, e.g. {en: \"…\", de: \"…\"}"
                : $"a mapping with the keys {string.Join(", ", Keys(schema))}";
        }

        if (types.Contains("array"))
        {
            var items = Resolve(schema!["items"]);
            return Required(items).Contains("id") && wholeFile ? "a list of entries, each starting with '- id: ...'"
                : Keys(items).Count > 0 ? "a list of mappings, each starting with '- '"
                : "a list, e.g. [a, b]";
        }

        return types.Contains("integer") ? "a whole number" : "a text";
    }

    private static string? ErrorMessage(JsonNode? schema) => (schema as JsonObject)?["patternErrorMessage"]?.GetValue<string>();

    private static List<string> Keys(JsonObject? schema) => (schema?["properties"] as JsonObject)?.Select(p => p.Key).ToList() ?? [];

    private static List<string> Required(JsonObject? schema) => (schema?["required"] as JsonArray)?.Select(k => k!.GetValue<string>()).ToList() ?? [];

    // A flag lists true both as a boolean (an editor's reading) and as text (the loader's): each is shown once.
    private static List<string> Choices(JsonObject? schema) =>
        (schema?["enum"] as JsonArray)?.Select(c => c?.ToString() ?? "null").Distinct(StringComparer.Ordinal).ToList() ?? [];

    private static string Hint(string? value, List<string> choices) =>
        value is not null && Nearest.Within(value, choices) is { } near ? $" (did you mean '{near}'?)" : "";

    private static bool IsIndex(string segment) => segment.Length > 0 && segment.All(char.IsAsciiDigit);

    private static string Number(string index) =>
        int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? (i + 1).ToString(CultureInfo.InvariantCulture) : index;

    private static string LastSegment(string pointer) => pointer[(pointer.LastIndexOf('/') + 1)..];
}
