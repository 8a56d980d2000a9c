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
    private static readonly char[] LeadingPunctuation = [' ', ',', ':', ';', '.', '!', '-', '–', '—', '>'];

    /// <summary>Returns the question in <paramref name="text"/> without chat noise; empty when only noise was sent.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (own, quoted) = QuotedLines.Split(text);
        var question = CleanLines(own);
        return question.Length > 0 ? question : CleanLines(quoted);
    }

    private static string CleanLines(string text)
    {
        var cleaned = CleanOnce(text);
        while (CleanOnce(cleaned) is var again && again != cleaned)
        {
            cleaned = again;
        }

        return cleaned;
    }

    // Phrases are looked for only once the noise around them is gone: in "<@123> hey, who is musk? :)"
    // the greeting starts the text and the question ends it only without the mention and the emoticon.
    private static string CleanOnce(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        text = ChatMarkup.WithoutMentionsAndLinks(text);
        text = Emoji.Without(text);
        text = Markdown.Without(text);
        text = WhiteSpacePattern().Replace(text, " ").TrimStart(LeadingPunctuation);
        text = LeadingPhrases.Without(text);
        text = TrailingPhrases.Without(text);
        text = EmptyBracketsPattern().Replace(text, " ");
        text = WhiteSpacePattern().Replace(text, " ");
        text = SpaceBeforePunctuationPattern().Replace(text, string.Empty);
        text = text.TrimStart(LeadingPunctuation).TrimEnd(TrailingPhrases.Leftovers);
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

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhiteSpacePattern();

    [GeneratedRegex(@"\(\s*\)|\[\s*\]", RegexOptions.CultureInvariant)]
    private static partial Regex EmptyBracketsPattern();

    [GeneratedRegex(@"\s+(?=[?!.,;:](?:\s|$))", RegexOptions.CultureInvariant)]
    private static partial Regex SpaceBeforePunctuationPattern();
}
