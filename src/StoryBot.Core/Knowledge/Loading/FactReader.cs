namespace StoryBot.Core.Knowledge.Loading;

/// <summary>Reads <c>facts/&lt;topic&gt;.yaml</c>; the file name is the topic.</summary>
internal static class FactReader
{
    public const string Folder = "facts";

    public static readonly IReadOnlyDictionary<string, Topic> Topics = new Dictionary<string, Topic>(StringComparer.Ordinal)
    {
        ["funding"] = Topic.Funding,
        ["dispute"] = Topic.Dispute,
        ["people"] = Topic.People,
        ["timeline"] = Topic.Timeline,
        ["places"] = Topic.Places,
    };

    public static List<Fact> Read(PackReading reading)
    {
        var files = reading.Files.List(Folder, ".yaml", reading.Errors);
        if (files.Count == 0)
        {
            reading.Errors.Add(reading.Files.Display(Folder + "/"), $"no fact files; add one or more of {string.Join(", ", Topics.Keys.Select(t => t + ".yaml"))}");
            return [];
        }

        var facts = new List<Fact>();
        foreach (var (relativePath, topic) in files
            .Select(path => (Path: path, Name: Path.GetFileNameWithoutExtension(path)))
            .Select(f => (f.Path, Topic: Topics.TryGetValue(f.Name, out var t) ? t : (Topic?)null))
            .OrderBy(f => f.Topic ?? (Topic)int.MaxValue))
        {
            if (topic is null)
            {
                var name = Path.GetFileNameWithoutExtension(relativePath);
                var hint = Nearest.Within(name, Topics.Keys) is { } near ? $" (did you mean {near}.yaml?)" : "";
                reading.Errors.Add(reading.Files.Display(relativePath), $"unknown fact topic '{name}'{hint}; fact files are named after their topic: {string.Join(", ", Topics.Keys)}");
                continue;
            }

            var file = reading.Files.Read(relativePath, reading.Errors);
            if (file is not null)
            {
                facts.AddRange(ReadTopic(reading, file, topic.Value));
            }
        }

        return facts;
    }

    private static IEnumerable<Fact> ReadTopic(PackReading reading, PackFile file, Topic topic)
    {
        foreach (var (map, _) in ListFile.Entries(reading, file, PackSchema.Facts, reading.FactIds))
        {
            var id = map.DefineId(reading.FactIds);

            var statement = map.Localized("statement");
            var attribution = ReadAttribution(reading, map);
            var entities = map.TextList("entities");
            var citations = map.TextList("citations");
            var supersedes = map.TextList("supersedes");
            if (entities is not null)
            {
                reading.Refer(reading.EntityIds, entities, map.What, "entity", file);
            }

            if (citations is not null)
            {
                reading.Refer(reading.ExcerptIds, citations, map.What, "citation", file);
            }

            if (supersedes is not null)
            {
                reading.Refer(reading.FactIds, supersedes, map.What, "superseded fact", file);
            }

            if (id is null || statement is null || attribution is null || entities is null || citations is not { Count: > 0 } || supersedes is null)
            {
                reading.Skipped(map);
                continue;
            }

            if (supersedes.Count > 0)
            {
                reading.Supersessions.Add(new Supersession(id, supersedes, map.What, file));
            }

            yield return new Fact
            {
                Id = id,
                Topic = topic,
                Statement = statement,
                Attribution = attribution,
                Entities = [.. entities.Select(e => e.Value)],
                Citations = [.. citations.Select(c => c.Value)],
                Supersedes = [.. supersedes.Select(s => s.Value)],
            };
        }
    }

    private static Attribution? ReadAttribution(PackReading reading, YamlMap fact)
    {
        var map = fact.Map("attribution");
        var kind = map?.Choice<AttributionKind>("kind");
        var by = map?.Text("by");
        if (by is not null)
        {
            reading.Refer(reading.EntityIds, new Located<string>(by, map!.At("by")), fact.What, "attribution.by entity", fact.File);
        }

        return kind is null || (by is null && map!.Has("by")) ? null : new Attribution(kind.Value, by);
    }
}
