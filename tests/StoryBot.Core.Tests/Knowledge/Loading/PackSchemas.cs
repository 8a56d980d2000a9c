using System.Text;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.Core.Tests.TestSupport;
using YamlDotNet.RepresentationModel;

namespace StoryBot.Core.Tests.Knowledge.Loading;

/// <summary>
/// The pack's JSON Schemas (<c>knowledge/schemas/</c>) applied to one file's text alone, as the loader
/// applies them (<see cref="PackSchema"/>) and as curators' editors do: nothing else of the pack is read.
/// </summary>
internal static class PackSchemas
{
    public const string ModelinePrefix = "# yaml-language-server: $schema=";

    public static string Folder => Path.Combine(RepoRoot.Knowledge, "schemas");

    public static PackSchema Get(string schemaFile) => PackSchema.All.Single(s => s.FileName == schemaFile);

    /// <summary>What the schema refuses in <paramref name="yaml"/>, one line per problem; empty when the file meets it.</summary>
    public static IReadOnlyList<string> Problems(string schemaFile, string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var errors = new PackErrors();
        Get(schemaFile).Check(stream.Documents[0].RootNode, new PackFile("file.yaml", "file.yaml", Encoding.UTF8.GetBytes(yaml)), yaml, errors);
        return [.. errors.Sorted().Select(e => e.ToString())];
    }

    public static bool Meets(string schemaFile, string yaml) => Problems(schemaFile, yaml).Count == 0;
}
