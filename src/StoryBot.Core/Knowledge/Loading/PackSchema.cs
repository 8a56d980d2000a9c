using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// The JSON Schema of one kind of pack file (<c>knowledge/schemas/</c>, embedded in this assembly so the
/// loader has it wherever the pack lies). What a schema can say about a file's shape (keys, types,
/// choices, id and date forms) it says, for curators' editors and the loader alike; the readers keep
/// what it cannot (verbatim quotes, ids across files, placeholders).
/// </summary>
internal sealed class PackSchema
{
    public static readonly PackSchema Story = new("story.schema.json", "story", isList: false);
    public static readonly PackSchema Source = new("source.schema.json", "source", isList: false);
    public static readonly PackSchema Excerpts = new("excerpts.schema.json", "excerpt", isList: true);
    public static readonly PackSchema Entities = new("entities.schema.json", "entity", isList: true);
    public static readonly PackSchema Facts = new("facts.schema.json", "fact", isList: true);
    public static readonly PackSchema Timeline = new("timeline.schema.json", "timeline entry", isList: true);
    public static readonly PackSchema Summary = new("summary.schema.json", "summary", isList: false);

    // A valid file, the common case, is checked for a yes or no; only a refused one is evaluated again for
    // every failure (the list output costs several times the check).
    private static readonly EvaluationOptions FlagOutput = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions ListOutput = new() { OutputFormat = OutputFormat.List };

    private readonly Lazy<(JsonSchema Schema, JsonNode Document)> _built;

    private PackSchema(string fileName, string noun, bool isList)
    {
        FileName = fileName;
        Noun = noun;
        IsList = isList;
        _built = new(() => Build(fileName));
    }

    public static IReadOnlyList<PackSchema> All { get; } = [Story, Source, Excerpts, Entities, Facts, Timeline, Summary];

    /// <summary>The schema's file name in <c>knowledge/schemas/</c>, e.g. <c>facts.schema.json</c>.</summary>
    public string FileName { get; }

    /// <summary>What one entry of the file (or the file's mapping) is called in messages, e.g. <c>timeline entry</c>.</summary>
    public string Noun { get; }

    /// <summary>Whether the file is a list of entries rather than one mapping.</summary>
    public bool IsList { get; }

    /// <summary>The schema as JSON, for the wording of messages (allowed keys, choices, descriptions).</summary>
    public JsonNode Document => _built.Value.Document;

    /// <summary>The schema's text as embedded.</summary>
    public static string Text(string fileName)
    {
        using var stream = typeof(PackSchema).Assembly.GetManifestResourceStream("StoryBot.KnowledgeSchemas." + fileName)
            ?? throw new InvalidOperationException($"the pack schema {fileName} is not embedded in {typeof(PackSchema).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Validates <paramref name="root"/> and reports every problem at its line; true when the file meets the schema.</summary>
    public bool Check(YamlNode root, PackFile file, string text, PackErrors errors)
    {
        var unwritable = new List<(YamlNode Node, string Problem)>();
        using var json = JsonDocument.Parse(YamlJson.Write(root, unwritable));
        if (unwritable.Count == 0 && _built.Value.Schema.Evaluate(json.RootElement, FlagOutput).IsValid)
        {
            return true;
        }

        var results = _built.Value.Schema.Evaluate(json.RootElement, ListOutput);
        var problems = unwritable.Select(u => (u.Node.Start, u.Problem))
            .Concat(results.IsValid ? [] : SchemaMessages.Of(results, this, root));
        var lines = text.Split('\n');
        foreach (var (at, message) in problems)
        {
            errors.Add(file, at, at.Line > 0 && at.Line <= lines.Length ? $"{message} — `{Shown.Line(lines[at.Line - 1])}`" : message);
        }

        return false;
    }

    // Each schema is built in a registry of its own: its $id is a name, not an address, and a tool that
    // builds the same schema again must not collide with the loader's.
    private static (JsonSchema, JsonNode) Build(string fileName)
    {
        var text = Text(fileName);
        return (JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() }), JsonNode.Parse(text)!);
    }
}
