namespace StoryBot.Core.Knowledge.Loading;

/// <summary>Reads <c>summary.yaml</c>: the story in a few sentences, in both languages, with citations.</summary>
internal static class SummaryReader
{
    public const string FileName = "summary.yaml";

    public static StorySummary? Read(PackReading reading)
    {
        var map = MapFile.Open(reading, FileName, PackSchema.Summary);
        if (map is null)
        {
            return null;
        }

        var text = map.Localized("text");
        var citations = map.TextList("citations");
        if (citations is not null)
        {
            reading.Refer(reading.ExcerptIds, citations, map.What, "citation", map.File);
        }

        if (text is null || citations is not { Count: > 0 })
        {
            reading.Skipped(map);
            return null;
        }

        return new StorySummary(text, [.. citations.Select(c => c.Value)]);
    }
}
