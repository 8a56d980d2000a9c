using StoryBot.Core.Knowledge.Loading;
using YamlDotNet.RepresentationModel;

namespace StoryBot.Core.Knowledge.Curation;

/// <summary>How far a pack's curation has come, counted from its files whether or not it loads.</summary>
/// <param name="Excerpts">Excerpts in excerpts.yaml.</param>
/// <param name="WithoutRendering">Excerpts whose English rendering is missing or still a placeholder.</param>
/// <param name="Entities">Entities in entities.yaml.</param>
/// <param name="EntitiesWithoutExcerpt">Entities that cite no excerpt of the pack.</param>
/// <param name="Paraphrases">Curated paraphrases (<c>asked</c>) over all excerpts.</param>
/// <param name="Placeholders">Texts anywhere in the pack still marked for a curator to write.</param>
public sealed record PackCoverage(int Excerpts, int WithoutRendering, int Entities, int EntitiesWithoutExcerpt, int Paraphrases, int Placeholders)
{
    public double ParaphrasesPerExcerpt => Excerpts == 0 ? 0 : (double)Paraphrases / Excerpts;
}

/// <summary>What <c>storybot curate check</c> found: every problem the loader reports, and the coverage.</summary>
public sealed record PackCheckResult(IReadOnlyList<KnowledgePackError> Errors, PackCoverage Coverage)
{
    public bool Passed => Errors.Count == 0;
}

/// <summary>
/// Checks a story folder as the bot would load it (the same loader, so what passes here is served)
/// and counts how much curation it has: a draft fails until every placeholder has been written.
/// </summary>
public static class PackCheck
{
    public static PackCheckResult Run(string storyFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storyFolder);
        var loaded = KnowledgePackLoader.TryLoad(storyFolder);
        return new PackCheckResult(loaded.Errors, Count(storyFolder));
    }

    private static PackCoverage Count(string folder)
    {
        var excerpts = Entries(Path.Combine(folder, "excerpts.yaml"));
        var entities = Entries(Path.Combine(folder, "entities.yaml"));
        var excerptIds = excerpts.Select(e => Scalar(e, "id")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var placeholders = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories).Sum(CountPlaceholders)
            : 0;
        return new PackCoverage(
            excerpts.Count,
            excerpts.Count(e => Scalar(e, "translation") is not { } rendering || string.IsNullOrWhiteSpace(rendering) || DraftText.IsPlaceholder(rendering)),
            entities.Count,
            entities.Count(e => !Sequence(e, "citations").Any(excerptIds.Contains)),
            excerpts.Sum(e => Sequence(e, "asked").Count()),
            placeholders);
    }

    private static List<YamlMappingNode> Entries(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            var yaml = new YamlStream();
            using var reader = new StreamReader(path);
            yaml.Load(reader);
            return yaml.Documents.Count > 0 && yaml.Documents[0].RootNode is YamlSequenceNode entries
                ? [.. entries.Children.OfType<YamlMappingNode>()]
                : [];
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return []; // The loader reports the file's syntax error with its line.
        }
    }

    private static int CountPlaceholders(string path)
    {
        var count = 0;
        foreach (var line in File.ReadLines(path))
        {
            var at = line.IndexOf(DraftText.Prefix, StringComparison.Ordinal);
            while (at >= 0)
            {
                count++;
                at = line.IndexOf(DraftText.Prefix, at + DraftText.Prefix.Length, StringComparison.Ordinal);
            }
        }

        return count;
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    private static IEnumerable<string> Sequence(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlSequenceNode items
            ? items.Children.OfType<YamlScalarNode>().Select(i => i.Value).OfType<string>()
            : [];
}
