namespace StoryBot.Core.Knowledge.Loading;

/// <summary>Reads <c>facts/&lt;topic&gt;.yaml</c>; the file name is the topic.</summary>
internal static class FactReader
{
    public const string Folder = "facts";

    /// <param name="topics">The story's topics, in order; null when story.yaml could not be read, and then no file's topic is checked.</param>
    public static List<Fact> Read(PackReading reading, IReadOnlyList<StoryTopic>? topics)
    {
        var ids = topics?.Select(t => t.Id).ToList();
        var files = reading.Files.List(Folder, ".yaml", reading.Errors);
        if (files.Count == 0)
        {
            var named = ids is null ? "" : $"; add one or more of {string.Join(", ", ids.Select(t => t + ".yaml"))}";
            reading.Errors.Add(reading.Files.Display(Folder + "/"), "no fact files" + named);
            return [];
        }

        // In the order of the story's topics, so every list of facts (a command's, "It covers: …") follows it.
        var facts = new List<Fact>();
        foreach (var (relativePath, topic) in files
            .Select(path => (Path: path, Topic: Path.GetFileNameWithoutExtension(path)))
            .OrderBy(f => ids is null ? 0 : ids.IndexOf(f.Topic) is var at and >= 0 ? at : int.MaxValue)
            .ThenBy(f => f.Topic, StringComparer.Ordinal))
        {
            if (ids is not null && !ids.Contains(topic))
            {
                var hint = Nearest.Within(topic, ids) is { } near ? $" (did you mean {near}.yaml?)" : "";
                reading.Errors.Add(reading.Files.Display(relativePath), $"unknown fact topic '{topic}'{hint}; fact files are named after a topic of {StoryReader.FileName}: {string.Join(", ", ids)}");
                continue;
            }

            var file = reading.Files.Read(relativePath, reading.Errors);
            if (file is not null)
            {
                facts.AddRange(ReadTopic(reading, file, topic));
            }
        }

        return facts;
    }

    private static IEnumerable<Fact> ReadTopic(PackReading reading, PackFile file, string topic)
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
