using System.Text.RegularExpressions;

namespace StoryBot.Core.Answering;

/// <summary>
/// What Discord and Slack put around a question: mentions, custom emoji, command references,
/// dates and links, in angle brackets or bare.
/// </summary>
internal static partial class ChatMarkup
{
    /// <summary>Mentions go, links keep their label and dates their fallback text; a bare link goes.</summary>
    public static string WithoutMentionsAndLinks(string text)
    {
        text = PlatformMarkupPattern().Replace(text, PlatformMarkupText);
        text = BroadcastMentionPattern().Replace(text, " ");
        return UrlPattern().Replace(text, UrlRemainder);
    }

    /// <summary>
    /// Discord and Slack markup in angle brackets: mentions and emoji go, links keep their label, a Slack
    /// date keeps its fallback text. Anything else in angle brackets ("a &lt; b &gt; c") stays.
    /// </summary>
    private static string PlatformMarkupText(Match match)
    {
        var body = match.Groups["body"].ValueSpan;
        if (body[0] is '@' or '#')
        {
            return " ";
        }

        if (body[0] == '!')
        {
            return body.StartsWith("!date^") && body.LastIndexOf('|') is var fallback and >= 0
                ? $" {body[(fallback + 1)..]} "
                : " ";
        }

        if (body.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || body.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || body.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            return body.IndexOf('|') is var bar and >= 0 && !IsLinkWord(body[(bar + 1)..]) ? $" {body[(bar + 1)..]} " : " ";
        }

        return DiscordEmojiOrCommandPattern().IsMatch(body) ? " " : match.Value;
    }

    /// <summary>"<https://…|link>": a label that only says it is a link says nothing the question asks.</summary>
    private static readonly string[] LinkWords = ["link", "here", "hier", "this", "url", "klick", "click"];

    private static bool IsLinkWord(ReadOnlySpan<char> label)
    {
        var word = label.Trim();
        foreach (var linkWord in LinkWords)
        {
            if (word.Equals(linkWord, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A bare link goes; punctuation typed right after it ("(www.x.com)?") stays, a closing bracket
    /// only when the link did not open it.
    /// </summary>
    private static string UrlRemainder(Match match)
    {
        var url = match.ValueSpan;
        var end = url.Length;
        while (end > 1 && url[end - 1] is '?' or '!' or '.' or ',' or ';' or ':' or '\'' or '"' or ')' or ']')
        {
            end--;
        }

        var trailing = url[end..];
        if (trailing.IndexOfAny(')', ']') >= 0 && url[..end].IndexOfAny('(', '[') >= 0)
        {
            trailing = trailing.Trim(")]");
        }

        return $" {trailing} ";
    }

    /// <summary>
    /// &lt;@123&gt; &lt;@!123&gt; &lt;@&amp;123&gt; &lt;#123&gt; &lt;:name:123&gt; &lt;/name:123&gt; (Discord),
    /// &lt;@U123|name&gt; &lt;!here&gt; &lt;!date^…|fallback&gt; &lt;https://…|label&gt; (Slack).
    /// </summary>
    [GeneratedRegex(@"<(?<body>[^<>\r\n]+)>", RegexOptions.CultureInvariant)]
    private static partial Regex PlatformMarkupPattern();

    [GeneratedRegex(@"^(?:a?:[\w~]+:\d+|/[\w\- ]+:\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex DiscordEmojiOrCommandPattern();

    [GeneratedRegex(@"(?<!\w)@(?:everyone|here)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BroadcastMentionPattern();

    [GeneratedRegex(@"\b(?:https?://|www\.)\S+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();
}
