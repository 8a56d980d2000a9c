using System.Text;

namespace StoryBot.Core.Answering;

/// <summary>
/// Separates what the user wrote from the lines they quoted (<c>&gt; </c>, and Discord's
/// <c>&gt;&gt;&gt; </c> which quotes the rest of the message), without the quote marks.
/// </summary>
/// <remarks>Works by line, so it needs the text as typed, line breaks included.</remarks>
internal static class QuotedLines
{
    public static (string Own, string Quoted) Split(string text)
    {
        if (!text.Contains('>'))
        {
            return (text, string.Empty);
        }

        var own = new StringBuilder(text.Length);
        var quoted = new StringBuilder();
        var restIsQuoted = false;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            var line = rawLine.TrimStart();
            if (!restIsQuoted && line.StartsWith(">>>") && (line.Length == 3 || char.IsWhiteSpace(line[3])))
            {
                restIsQuoted = true;
                line = line[3..];
            }
            else if (!restIsQuoted && !IsQuoteMark(line))
            {
                own.Append(rawLine).Append('\n');
                continue;
            }

            while (IsQuoteMark(line))
            {
                line = line[1..].TrimStart();
            }

            quoted.Append(line).Append('\n');
        }

        return (own.ToString(), quoted.ToString());
    }

    private static bool IsQuoteMark(ReadOnlySpan<char> line) =>
        line.Length > 0 && line[0] == '>' && (line.Length == 1 || char.IsWhiteSpace(line[1]));
}
