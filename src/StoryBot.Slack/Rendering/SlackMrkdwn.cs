using System.Text;
using StoryBot.Core.Answering;

namespace StoryBot.Slack.Rendering;

/// <summary>A reply's text runs as mrkdwn: plain and user text escaped, strong text bold.</summary>
internal static class SlackMrkdwn
{
    public static string RenderRuns(IEnumerable<TextRun> runs)
    {
        var text = new StringBuilder();
        foreach (var run in runs)
        {
            switch (run.Style)
            {
                case RunStyle.Strong:
                    AppendBold(text, run.Text);
                    break;
                case RunStyle.UserText:
                    text.Append(SlackText.EscapeUserText(run.Text));
                    break;
                default:
                    text.Append(SlackText.Escape(run.Text));
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>Each line as a block quote, struck through when withdrawn.</summary>
    public static string QuoteLines(string escapedQuote, bool withdrawn)
    {
        var lines = escapedQuote.Split('\n');
        return string.Join('\n', lines.Select(line => ">" + (withdrawn && line.Trim().Length > 0 ? Strike(line) : line)));
    }

    public static string Strike(string text)
    {
        var inner = text.Trim();
        return inner.Length == 0 ? text : $"~{inner}~";
    }

    private static void AppendBold(StringBuilder text, string value)
    {
        // Slack only reads *x* as bold when the asterisks hug the words, so whitespace stays outside.
        var inner = value.Trim().Replace("*", string.Empty, StringComparison.Ordinal);
        if (inner.Length == 0)
        {
            text.Append(SlackText.Escape(value));
            return;
        }

        var leading = value[..(value.Length - value.TrimStart().Length)];
        var trailing = value[value.TrimEnd().Length..];
        text.Append(leading).Append('*').Append(SlackText.Escape(inner)).Append('*').Append(trailing);
    }
}
