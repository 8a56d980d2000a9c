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

    /// <summary>Ids as people paste them: in backticks or quotes, sometimes with a leading '#'.</summary>
    public static string CleanId(string id) => id.Trim().Trim('`', '"', '\'', '«', '»', '“', '”').TrimStart('#');
}
