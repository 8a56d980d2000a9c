namespace StoryBot.Core.Knowledge.Loading;

/// <summary>Renders curated text inside error messages: quoted, on one line, and not endlessly long.</summary>
internal static class Shown
{
    private const int MaxLength = 160;

    public static string Text(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= MaxLength ? $"\"{oneLine}\"" : $"\"{oneLine[..(MaxLength - 1)]}…\"";
    }

    /// <summary>A line of a pack file as it stands (its indentation tells where it sits), without its line break.</summary>
    public static string Line(string line)
    {
        var trimmed = line.TrimEnd();
        return trimmed.Length <= MaxLength ? trimmed : $"{trimmed[..(MaxLength - 1)]}…";
    }

    public static string Ids(IEnumerable<string> ids) => string.Join(", ", ids.Select(id => $"'{id}'"));
}
