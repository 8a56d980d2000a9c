using System.Text;

namespace StoryBot.Discord.Rendering;

/// <summary>Makes text show literally in Discord markdown, and user text unable to ping or link.</summary>
internal static class DiscordMarkdown
{
    private const char ZeroWidthSpace = '\u200B';

    /// <summary>
    /// Escapes the characters Discord treats as markup. A backslash before any punctuation shows
    /// the character itself, so escaping is safe; line-start markers (headings, quotes, lists) only
    /// matter at the start of a line and are escaped only there to keep the text readable.
    /// </summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 16);
        var lineStart = true;
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '~' or '`' or '|' or '[' or ']' or '<'
                || (lineStart && c is '>' or '#' or '-' or '+'))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
            if (c == '\n')
            {
                lineStart = true;
            }
            else if (!char.IsWhiteSpace(c))
            {
                lineStart = false;
            }
        }

        return escaped.ToString();
    }

    /// <summary>
    /// Text a user typed, echoed back: escaped like any text, with every <c>@</c> and <c>&lt;</c>
    /// followed by a zero-width space (so @everyone, @here, pasted user, role and channel
    /// mentions and timestamps stay plain words) and links broken so they neither auto-link nor
    /// unfurl.
    /// </summary>
    public static string Inert(string text) =>
        Escape(text)
            .Replace("@", "@" + ZeroWidthSpace, StringComparison.Ordinal)
            .Replace("<", "<" + ZeroWidthSpace, StringComparison.Ordinal)
            .Replace("://", ":" + ZeroWidthSpace + "//", StringComparison.Ordinal);

    /// <summary>Bold without letting surrounding spaces break the markers.</summary>
    public static string Strong(string escaped)
    {
        var trimmed = escaped.Trim();
        if (trimmed.Length == 0)
        {
            return escaped;
        }

        var start = escaped.IndexOf(trimmed, StringComparison.Ordinal);
        return $"{escaped[..start]}**{trimmed}**{escaped[(start + trimmed.Length)..]}";
    }

    /// <summary>Strikes text through line by line (markers do not span lines).</summary>
    public static string Strike(string escaped) =>
        string.Join('\n', escaped.Split('\n').Select(line => line.Trim().Length == 0 ? line : $"~~{line}~~"));

    /// <summary>A block quote: every line prefixed, so multi-line quotes stay inside it.</summary>
    public static string BlockQuote(string escaped) =>
        string.Join('\n', escaped.Split('\n').Select(line => "> " + line));
}
