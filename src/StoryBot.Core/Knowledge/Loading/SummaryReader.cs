namespace StoryBot.Core.Knowledge.Loading;

/// <summary>Reads <c>summary.yaml</c>: the story in a few sentences, in both languages, with citations.</summary>
internal static class SummaryReader
{
    public const string FileName = "summary.yaml";

    private static readonly string[] Keys = ["text", "citations"];

    public static StorySummary? Read(PackReading reading)
    {
        var map = MapFile.Open(reading, FileName, "summary", Keys);
        if (map is null)
        {
            return null;
        }

        var text = map.Localized("text");
        var citations = map.TextList("citations", required: true, mustBeNonEmpty: true);
        if (citations is not null)
        {
            reading.Refer(reading.ExcerptIds, citations, map.What, "citation", map.File);
        }

        return text is null || citations is null ? null : new StorySummary(text, [.. citations.Select(c => c.Value)]);
    }
}
