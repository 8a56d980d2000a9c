namespace StoryBot.Core.Knowledge.Loading;

/// <summary>Reads <c>entities.yaml</c>: the people, organisations, projects and places the story names.</summary>
internal static class EntityReader
{
    public const string FileName = "entities.yaml";

    public static List<Entity> Read(PackReading reading)
    {
        var entities = new List<Entity>();

        // /who-is resolves a name to one entity; a name shared by two entities would make that a guess.
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (map, file) in ListFile.Entries(reading, FileName, PackSchema.Entities, reading.EntityIds))
        {
            var id = map.DefineId(reading.EntityIds);

            var kind = map.Choice<EntityKind>("kind");
            var name = map.Text("name");
            var aliases = map.TextList("aliases");
            var role = map.Localized("role");
            var citations = map.TextList("citations");
            if (citations is not null)
            {
                reading.Refer(reading.ExcerptIds, citations, map.What, "citation", file);
            }

            if (id is not null && name is not null && aliases is not null)
            {
                foreach (var (text, at) in aliases.Prepend(new Located<string>(name, map.At("name"))))
                {
                    if (names.TryGetValue(text.Trim(), out var owner) && owner != id)
                    {
                        reading.Errors.Add(file, at, $"{map.What}: the name {Shown.Text(text)} is already a name or alias of entity '{owner}'; a name must lead to one entity");
                    }
                    else
                    {
                        names.TryAdd(text.Trim(), id);
                    }
                }
            }

            if (id is null || kind is null || name is null || aliases is null || role is null || citations is not { Count: > 0 })
            {
                reading.Skipped(map);
                continue;
            }

            entities.Add(new Entity
            {
                Id = id,
                Kind = kind.Value,
                Name = name,
                Aliases = [.. aliases.Select(a => a.Value)],
                Role = role,
                Citations = [.. citations.Select(c => c.Value)],
            });
        }

        return entities;
    }
}
