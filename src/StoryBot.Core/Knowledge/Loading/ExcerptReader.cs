namespace StoryBot.Core.Knowledge.Loading;

/// <summary>Reads <c>excerpts.yaml</c> and resolves each quote to its paragraph and offset in its source.</summary>
internal static class ExcerptReader
{
    public const string FileName = "excerpts.yaml";

    public static List<Excerpt> Read(PackReading reading, IReadOnlyDictionary<string, LoadedSource> sources)
    {
        var excerpts = new List<Excerpt>();
        foreach (var (map, file) in ListFile.Entries(reading, FileName, PackSchema.Excerpts, reading.ExcerptIds))
        {
            var id = map.DefineId(reading.ExcerptIds);

            var sourceId = map.Text("source");
            var quote = map.Text("quote")?.Trim();
            var translation = map.Text("translation");
            var asked = map.TextList("asked");
            if (sourceId is null)
            {
                reading.Skipped(map);
                continue;
            }

            if (!sources.TryGetValue(sourceId, out var source))
            {
                // Sources are all known by now, so this reference is checked at once. A source that exists
                // but failed to load has its own errors; its quotes cannot be checked until it is fixed.
                reading.SourceIds.Require(new Located<string>(sourceId, map.At("source")), map.What, "source", file, reading.Errors);
                continue;
            }

            if (quote is null)
            {
                reading.Skipped(map);
                continue;
            }

            var location = QuoteLocator.Find(source.Document, quote);
            if (location is null)
            {
                var explanation = QuoteLocator.Explain(source, quote, suggest: reading.Errors.TakeSuggestion());
                reading.Errors.Add(file, map.At("quote"), $"{map.What}: {explanation}");
                continue;
            }

            if (id is null || translation is null || asked is null)
            {
                reading.Skipped(map);
            }
            else
            {
                excerpts.Add(new Excerpt
                {
                    Id = id,
                    SourceId = sourceId,
                    Quote = quote,
                    Translation = translation,
                    Asked = [.. asked.Select(a => a.Value)],
                    Paragraph = location.Value.Paragraph,
                    Start = location.Value.Start,
                });
            }
        }

        return excerpts;
    }
}
