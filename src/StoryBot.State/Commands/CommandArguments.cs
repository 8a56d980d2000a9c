namespace StoryBot.State.Commands;

/// <summary>Splits a command line into its first word and the rest.</summary>
internal static class CommandArguments
{
    public static (string First, string Remainder) Split(string text)
    {
        var trimmed = text.Trim();
        var space = trimmed.IndexOfAny([' ', '\t', '\n']);
        return space < 0 ? (trimmed, string.Empty) : (trimmed[..space], trimmed[(space + 1)..].Trim());
    }

    /// <summary>"How many" as the first word of the arguments, kept within 1 and <paramref name="max"/>; otherwise <paramref name="fallback"/>.</summary>
    public static int Count(string arguments, int fallback, int max) =>
        int.TryParse(Split(arguments).First, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var asked)
            ? Math.Clamp(asked, 1, max)
            : fallback;

    /// <summary>Ids as people paste them: in backticks or quotes, sometimes with a leading '#'.</summary>
    public static string CleanId(string id) => id.Trim().Trim('`', '"', '\'', '«', '»', '“', '”').TrimStart('#');
}
