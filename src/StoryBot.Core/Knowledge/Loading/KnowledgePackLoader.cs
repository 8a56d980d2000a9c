namespace StoryBot.Core.Knowledge.Loading;

/// <summary>The outcome of loading a pack: a pack when it is valid, otherwise every error found.</summary>
public sealed record KnowledgePackLoadResult(KnowledgePack? Pack, IReadOnlyList<KnowledgePackError> Errors)
{
    public bool IsValid => Pack is not null;
}

/// <summary>
/// Reads and validates a knowledge pack folder (layout and messages: knowledge/README.md). Validation
/// never stops at the first problem: a curator gets every error of every file in one pass.
/// </summary>
public static class KnowledgePackLoader
{
    private const string SourcesFolder = "sources";

    private static readonly string[] TopLevelFiles =
        [StoryReader.FileName, ExcerptReader.FileName, EntityReader.FileName, TimelineReader.FileName, SummaryReader.FileName];

    /// <summary>Loads the pack at <paramref name="packPath"/> or throws a <see cref="KnowledgePackException"/> listing every error.</summary>
    public static KnowledgePack Load(string packPath)
    {
        var result = TryLoad(packPath);
        return result.Pack ?? throw new KnowledgePackException(Path.GetFullPath(packPath), result.Errors);
    }

    public static KnowledgePackLoadResult TryLoad(string packPath)
    {
        var files = new PackFiles(packPath);
        var reading = new PackReading(files);
        if (!Directory.Exists(files.Root))
        {
            reading.Errors.Add(files.Root, "the knowledge pack folder does not exist");
            return new KnowledgePackLoadResult(null, reading.Errors.Sorted());
        }

        ReportUnknownFiles(reading);
        var sources = ReadSources(reading);
        var excerpts = ExcerptReader.Read(reading, sources);
        var entities = EntityReader.Read(reading);
        var story = StoryReader.Read(reading);
        var facts = FactReader.Read(reading, story?.Topics);
        var timeline = TimelineReader.Read(reading);
        var summary = SummaryReader.Read(reading);
        SupersessionCheck.Report(reading, facts, excerpts, sources);
        reading.Finish();

        if (reading.Errors.Count > 0 || summary is null || story is null)
        {
            return new KnowledgePackLoadResult(null, reading.Errors.Sorted());
        }

        var pack = new KnowledgePack(
            story, [.. sources.Values.Select(s => s.Document)], excerpts, entities, facts, timeline, summary, files.Version());
        return new KnowledgePackLoadResult(pack, []);
    }

    private static Dictionary<string, LoadedSource> ReadSources(PackReading reading)
    {
        var sources = new Dictionary<string, LoadedSource>(StringComparer.Ordinal);
        var metadataFiles = reading.Files.List(SourcesFolder, ".yaml", reading.Errors);
        if (metadataFiles.Count == 0)
        {
            reading.Errors.Add(reading.Files.Display(SourcesFolder + "/"), "no sources; add sources/<id>.yaml beside the source's text file");
        }

        foreach (var relativePath in metadataFiles)
        {
            var file = reading.Files.Read(relativePath, reading.Errors);
            if (file is not null && SourceReader.Read(file, reading) is { } source)
            {
                sources.TryAdd(source.Document.Id, source);
            }
        }

        return sources;
    }

    /// <summary>A misnamed file (entites.yaml, funding.yml) would otherwise be skipped without a word.</summary>
    private static void ReportUnknownFiles(PackReading reading)
    {
        foreach (var relativePath in new[] { SourcesFolder, FactReader.Folder }.SelectMany(folder => reading.Files.List(folder, ".yml", reading.Errors)))
        {
            reading.Errors.Add(reading.Files.Display(relativePath), "pack files end in .yaml; rename it, or it is not read");
        }

        foreach (var relativePath in reading.Files.List("", ".yaml", reading.Errors).Concat(reading.Files.List("", ".yml", reading.Errors)))
        {
            if (TopLevelFiles.Contains(relativePath, StringComparer.Ordinal))
            {
                continue;
            }

            var hint = Nearest.Within(relativePath, TopLevelFiles) is { } near ? $" (did you mean {near}?)" : "";
            reading.Errors.Add(reading.Files.Display(relativePath), $"unknown pack file{hint}; the pack's files are {string.Join(", ", TopLevelFiles)}, sources/ and facts/");
        }
    }
}
