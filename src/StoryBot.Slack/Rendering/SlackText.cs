using System.Text;
using System.Text.RegularExpressions;

namespace StoryBot.Slack.Rendering;

/// <summary>Slack's text encoding: only <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> are control characters.</summary>
internal static partial class SlackText
{
    /// <summary>
    /// Makes text inert: with &amp;, &lt; and &gt; encoded, Slack cannot read <c>&lt;!channel&gt;</c>,
    /// <c>&lt;@U…&gt;</c> or <c>&lt;http://x|y&gt;</c> as a mention or a link.
    /// </summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => null,
            } ?? c.ToString());
        }

        return escaped.ToString();
    }

    /// <summary>
    /// Makes what a user typed inert when it is shown back: escaped like any text, and with mrkdwn's
    /// formatting marks (<c>*</c>, <c>_</c>, <c>~</c>, <c>`</c>) replaced by look-alikes, because
    /// mrkdwn has no escape for them and an echoed <c>*x*</c> would otherwise turn bold.
    /// </summary>
    public static string EscapeUserText(string text)
    {
        var escaped = Escape(text);
        if (escaped.AsSpan().IndexOfAny("*_~`") < 0)
        {
            return escaped;
        }

        return string.Create(escaped.Length, escaped, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] switch
                {
                    '*' => '\u2217', // ∗ asterisk operator
                    '_' => '\u02CD', // ˍ modifier letter low macron
                    '~' => '\u223C', // ∼ tilde operator
                    '`' => '\u02CB', // ˋ modifier letter grave accent
                    var c => c,
                };
            }
        });
    }

    /// <summary>Reverses Slack's encoding of message text, giving what the user typed.</summary>
    public static string Unescape(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal)
            .Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal);

    /// <summary>
    /// Removes mentions of the bot (<c>&lt;@U123&gt;</c> or <c>&lt;@U123|name&gt;</c>); when the bot's id is
    /// not known yet, a leading mention is taken to be the bot's.
    /// </summary>
    public static string StripBotMention(string text, string? botUserId)
    {
        var stripped = botUserId is { Length: > 0 }
            ? MentionPattern().Replace(text, m => m.Groups["id"].Value == botUserId ? " " : m.Value)
            : LeadingMentionPattern().Replace(text, " ");
        return stripped.Trim();
    }

    [GeneratedRegex(@"<@(?<id>[UW][A-Z0-9]+)(\|[^>]*)?>", RegexOptions.CultureInvariant)]
    private static partial Regex MentionPattern();

    [GeneratedRegex(@"^\s*<@[UW][A-Z0-9]+(\|[^>]*)?>", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingMentionPattern();
}
