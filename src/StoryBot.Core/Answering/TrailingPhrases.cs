using System.Text.RegularExpressions;

namespace StoryBot.Core.Answering;

/// <summary>
/// Thanks, "please" and instructions ("answer briefly", "ohne Quellen", "in two sentences") after the question, in
/// English and German.
/// </summary>
internal static partial class TrailingPhrases
{
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

    /// <summary>
    /// How long the answer should be ("in two sentences", "in drei Sätzen"): unambiguous at the end
    /// even without punctuation before it, and its number word is no part of the question.
    /// </summary>
    private const string AnswerLength =
        @"in\s+(?:one|two|three|four|five|a\s+few|a\s+couple(?:\s+of)?|\d+)\s+(?:short\s+)?(?:sentences?|words?|lines?|bullet\s+points|points)"
        + @"|in\s+(?:einem|zwei|drei|vier|f(?:ü|ue)nf|ein\s+paar|wenigen|\d+)\s+(?:kurzen\s+)?(?:s(?:ä|ae)tzen|satz|worten|w(?:ö|oe)rtern|zeilen|stichpunkten)";

    private const string TrailingPunctuation = @"[\s!.?,;:)\-–—]*";

    /// <summary>What is left dangling at the end once a phrase after it is gone.</summary>
    public static readonly char[] Leftovers = [' ', ',', ':', ';', '-', '–', '—', '('];

    /// <summary>Drops thanks and instructions at the end; a question mark among them moves to the question.</summary>
    public static string Without(string text)
    {
        var tail = TrailingPhrasesPattern().Match(text);
        if (!tail.Success)
        {
            return text;
        }

        var question = text[..tail.Index].TrimEnd(Leftovers);
        return tail.ValueSpan.Contains('?') && question.Length > 0 && !question.EndsWith('?') ? question + "?" : question;
    }

    /// <summary>Non-backtracking: the earliest start from which the rest is only thanks and instructions.</summary>
    [GeneratedRegex(
        @"(?:\b(?:" + Please + ")" + TrailingPunctuation
        + @"|\b(?:" + Thanks + @")[\s!.,;:)\-–—]*"
        + @"|\b(?:" + AnswerLength + ")" + TrailingPunctuation
        + @"|[?!.,;:(\-–—]\s*(?:" + Thanks + "|" + Please + "|" + TrailingInstruction + @")\b" + TrailingPunctuation + @")+\z",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex TrailingPhrasesPattern();
}
