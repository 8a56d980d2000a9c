using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace StoryBot.Core.Answering;

/// <summary>
/// Strips chat noise from a question (mentions, links, emoji, quotes, markdown, greetings, thanks and
/// "answer briefly"-style wrappers) so only the question itself is analysed. The caller keeps the
/// original text for logs.
/// </summary>
/// <remarks>
/// Expects the text as typed, line breaks included: quoted lines are recognised by line. Every pattern
/// is linear in the input (negated classes that stop at their own delimiter, an anchored alternation,
/// a non-backtracking one). The pass is repeated until it changes nothing, so cleaning twice gives what
/// cleaning once gives: one extra pass for an ordinary message, one per level of nested noise
/// ("*a _b_ c*", "hi :)please") otherwise; every pass but the first that changes the text shortens it.
/// </remarks>
internal static partial class QuestionCleaner
{
    private const int ZeroWidthJoiner = 0x200D;
    private const int CombiningKeycap = 0x20E3;
    private const int TextPresentation = 0xFE0E;
    private const int EmojiPresentation = 0xFE0F;

    /// <summary>
    /// Below the arrows block, "other symbols" read as text (©, ®, °, №, ™); from there on they are
    /// dingbats, pictographs and emoji.
    /// </summary>
    private const int FirstPictographicSymbol = 0x2190;

    // The word lists, as regex alternations. Leading and trailing phrases are removed in runs, so
    // "hey storybot, quick question:" goes in one match.
    private const string Separators = @"[\s,:;!.\-–—]*";

    private const string Greeting = @"(?:hey|hi|hello|yo|hallo|moin|servus)(?:\s+(?:there|bot))?";

    private const string LeadingPhrase =
        Greeting
        + @"|@?storybot|ok(?:ay)?\s+so|quick\s+question|kurze\s+frage"
        + @"|answer\s+briefly|in\s+short|short\s+answer|tl;?dr|eli5|(?:with\s+)?sources\s+please|cite\s+your\s+sources"
        + @"|(?:can|could)\s+you\s+(?:please\s+)?(?:tell\s+me(?:\s+about)?|explain(?:\s+to\s+me)?)"
        + @"|tell\s+me(?:\s+about)?|explain(?:\s+to\s+me)?|do\s+you\s+know|i\s+wonder|i\s+want\s+to\s+know"
        + @"|antworte\s+kurz|antworte\s+ohne\s+quellen|kurze\s+antwort|mit\s+quellen(?:\s+bitte)?"
        + @"|erkläre?(?:\s+mir|\s+mal)?|kannst\s+du\s+mir\s+(?:sagen|erklären)|wei(?:ß|ss)t\s+du|sag\s+(?:mal|mir)"
        + @"|ich\s+möchte\s+wissen|mich\s+würde\s+interessieren|please|pls|bitte";

    /// <summary>Words that are also ordinary words, so they count as noise only before a colon or comma.</summary>
    private const string LeadingWordBeforeColon = @"bot|question|frage|briefly|kurz|no\s+sources|ohne\s+quellen";

    /// <summary>Thanks at the end; before a question mark only after punctuation, so "who said thanks?" stays.</summary>
    private const string Thanks =
        @"(?:thanks|thank\s+you|thx|danke|vielen\s+dank)(?:\s+(?:a\s+lot|so\s+much|in\s+advance|im\s+voraus|schön|sehr|dir))?";

    private const string Please = "please|pls|bitte";

    /// <summary>Trailing instructions; they count only after punctuation ("…? answer briefly", "…, ohne Quellen").</summary>
    private const string TrailingInstruction =
        @"answer\s+briefly|briefly|in\s+short|short\s+answer|tl;?dr|eli5|(?:with\s+)?sources(?:\s+please)?|with\s+sources"
        + @"|cite\s+your\s+sources|no\s+sources|do\s+you\s+know"
        + @"|antworte\s+kurz|kurz|kurze\s+antwort|(?:bitte\s+)?mit\s+quellen(?:\s+bitte)?|antworte\s+ohne\s+quellen|ohne\s+quellen"
        + @"|wei(?:ß|ss)t\s+du(?:\s+das)?";

    private const string TrailingPunctuation = @"[\s!.?,;:)\-–—]*";

    private static readonly char[] LeadingPunctuation = [' ', ',', ':', ';', '.', '!', '-', '–', '—', '>'];
    private static readonly char[] TrailingLeftovers = [' ', ',', ':', ';', '-', '–', '—', '('];

    /// <summary>Returns the question in <paramref name="text"/> without chat noise; empty when only noise was sent.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (own, quoted) = SplitQuotedLines(text);
        var question = CleanLines(own);
        return question.Length > 0 ? question : CleanLines(quoted);
    }

    /// <summary>
    /// Separates what the user wrote from the lines they quoted (<c>&gt; </c>, and Discord's
    /// <c>&gt;&gt;&gt; </c> which quotes the rest of the message), without the quote marks.
    /// </summary>
    private static (string Own, string Quoted) SplitQuotedLines(string text)
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

    private static string CleanLines(string text)
    {
        var cleaned = CleanOnce(text);
        while (CleanOnce(cleaned) is var again && again != cleaned)
        {
            cleaned = again;
        }

        return cleaned;
    }

    private static string CleanOnce(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        text = PlatformMarkupPattern().Replace(text, PlatformMarkupText);
        text = BroadcastMentionPattern().Replace(text, " ");
        text = UrlPattern().Replace(text, UrlRemainder);
        text = EmojiCodePattern().Replace(text, " ");
        text = EmoticonPattern().Replace(text, " ");
        text = WithoutPictographs(text);
        text = WithoutMarkdown(text);
        text = WhiteSpacePattern().Replace(text, " ").TrimStart(LeadingPunctuation);
        text = WithoutLeadingPhrases(text);
        text = WithoutTrailingPhrases(text);
        text = EmptyBracketsPattern().Replace(text, " ");
        text = WhiteSpacePattern().Replace(text, " ");
        text = SpaceBeforePunctuationPattern().Replace(text, string.Empty);
        text = text.TrimStart(LeadingPunctuation).TrimEnd(TrailingLeftovers);
        return HasLetterOrDigit(text) ? text : string.Empty;
    }

    private static bool HasLetterOrDigit(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                return true;
            }
        }

        return false;
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
            return body.IndexOf('|') is var bar and >= 0 ? $" {body[(bar + 1)..]} " : " ";
        }

        return DiscordEmojiOrCommandPattern().IsMatch(body) ? " " : match.Value;
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
    /// Drops emoji and pictographs with their joiners, variation selectors, skin tones, tags and keycaps.
    /// Letters (ä, ß), currency signs ($, €) and text symbols below the arrows block (°, ©) stay.
    /// </summary>
    private static string WithoutPictographs(string text)
    {
        if (Ascii.IsValid(text))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            _ = Rune.DecodeFromUtf16(rest, out var rune, out var consumed);
            var drop = IsPictographic(rune) || (IsKeycapBase(rune) && StartsKeycap(rest[consumed..]));
            if (drop)
            {
                clean.Append(' ');
            }
            else
            {
                clean.Append(rest[..consumed]);
            }

            rest = rest[consumed..];
        }

        return clean.ToString();
    }

    private static bool IsPictographic(Rune rune) => rune.Value switch
    {
        ZeroWidthJoiner or CombiningKeycap or TextPresentation or EmojiPresentation => true,
        >= 0x1F3FB and <= 0x1F3FF => true, // skin tone modifiers
        >= 0xE0020 and <= 0xE007F => true, // tags of subdivision flags
        >= FirstPictographicSymbol => Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherSymbol,
        _ => false,
    };

    private static bool IsKeycapBase(Rune rune) => rune.Value is (>= '0' and <= '9') or '#' or '*';

    private static bool StartsKeycap(ReadOnlySpan<char> rest) =>
        rest.StartsWith("\u20E3") || rest.StartsWith("\uFE0F\u20E3");

    /// <summary>Keeps the text inside code, spoiler, strike-through and emphasis marks (one level per pass).</summary>
    private static string WithoutMarkdown(string text)
    {
        text = CodePattern().Replace(text, "${inner}");
        text = SpoilerPattern().Replace(text, "${inner}");
        text = TildePattern().Replace(text, "${inner}");
        text = StarPattern().Replace(text, "${inner}");
        return UnderscorePattern().Replace(text, "${inner}");
    }

    private static string WithoutLeadingPhrases(string text)
    {
        var lead = LeadingPhrasesPattern().Match(text);
        return lead.Success ? text[lead.Length..] : text;
    }

    /// <summary>Drops thanks and instructions at the end; a question mark among them moves to the question.</summary>
    private static string WithoutTrailingPhrases(string text)
    {
        var tail = TrailingPhrasesPattern().Match(text);
        if (!tail.Success)
        {
            return text;
        }

        var question = text[..tail.Index].TrimEnd(TrailingLeftovers);
        return tail.ValueSpan.Contains('?') && question.Length > 0 && !question.EndsWith('?') ? question + "?" : question;
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

    /// <summary>:fire: :+1: :thinking_face: but not 10:30, 3:1 or 10:30:15.</summary>
    [GeneratedRegex(@"(?<!\w):[a-z0-9_+\-]+:(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex EmojiCodePattern();

    /// <summary>:) ;-) :D :P standing alone.</summary>
    [GeneratedRegex(@"(?<!\S)[:;]-?[()DPp](?!\S)", RegexOptions.CultureInvariant)]
    private static partial Regex EmoticonPattern();

    [GeneratedRegex(@"`+(?<inner>[^`]+)`+", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"\|\|(?<inner>[^|\n]+)\|\|", RegexOptions.CultureInvariant)]
    private static partial Regex SpoilerPattern();

    // Emphasis needs a mark outside a word and text (not a space) right inside it: "2 * 3 * 4", a lone
    // "*" and snake_case stay as they are.
    [GeneratedRegex(@"(?<![\w~])~+(?<inner>[^~\s](?:[^~\n]*[^~\s])?)~+(?![\w~])", RegexOptions.CultureInvariant)]
    private static partial Regex TildePattern();

    [GeneratedRegex(@"(?<![\w*])\*+(?<inner>[^*\s](?:[^*\n]*[^*\s])?)\*+(?![\w*])", RegexOptions.CultureInvariant)]
    private static partial Regex StarPattern();

    [GeneratedRegex(@"(?<!\w)_+(?<inner>[^_\s](?:[^_\n]*[^_\s])?)_+(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex UnderscorePattern();

    /// <summary>Anchored at the start and never needs to give back what it matched, so it stays linear.</summary>
    [GeneratedRegex(
        @"^(?:(?:" + LeadingPhrase + @")(?![\w\-'’])" + Separators
        + @"|(?:" + LeadingWordBeforeColon + @")\s*[:,!.\-–—]+" + Separators + ")+",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex LeadingPhrasesPattern();

    /// <summary>Non-backtracking: the earliest start from which the rest is only thanks and instructions.</summary>
    [GeneratedRegex(
        @"(?:\b(?:" + Please + ")" + TrailingPunctuation
        + @"|\b(?:" + Thanks + @")[\s!.,;:)\-–—]*"
        + @"|[?!.,;:(\-–—]\s*(?:" + Thanks + "|" + Please + "|" + TrailingInstruction + @")\b" + TrailingPunctuation + @")+\z",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex TrailingPhrasesPattern();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhiteSpacePattern();

    [GeneratedRegex(@"\(\s*\)|\[\s*\]", RegexOptions.CultureInvariant)]
    private static partial Regex EmptyBracketsPattern();

    [GeneratedRegex(@"\s+(?=[?!.,;:](?:\s|$))", RegexOptions.CultureInvariant)]
    private static partial Regex SpaceBeforePunctuationPattern();
}
