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

    public static string Ids(IEnumerable<string> ids) => string.Join(", ", ids.Select(id => $"'{id}'"));
}
