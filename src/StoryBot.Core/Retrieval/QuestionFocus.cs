using System.Text.RegularExpressions;

namespace StoryBot.Core.Retrieval;

/// <summary>
/// Finds the question in a long, rambling message ("ok so I've been half following this … but how
/// much is actually committed?"): the last clause that opens with a question word, read together
/// with the names the rest of the message mentions. The story words of the preamble would
/// otherwise bury what is asked.
/// </summary>
internal static partial class QuestionFocus
{
    /// <summary>Shorter messages are read whole.</summary>
    private const int MinWords = 20;

    /// <returns>The question to analyse, or null when the message is short or has no such clause.</returns>
    public static FocusedQuestion? Of(string message, PassageIndex index)
    {
        if (message.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < MinWords)
        {
            return null;
        }

        var clauses = ClauseBreak().Split(message);
        for (var i = clauses.Length - 1; i > 0; i--)
        {
            if (!QuestionStart().IsMatch(clauses[i]))
            {
                continue;
            }

            var focus = string.Join(", ", clauses[i..]);
            var names = StoryAnalyzers.Terms(StoryAnalyzers.Surface, string.Join(' ', clauses[..i]))
                .Where(word => word.Length > 2 && index.EntitiesNamedBy(word).Count > 0 && !Lexicon.Default.IsStopWord(word))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            return new FocusedQuestion(string.Join(' ', names.Append(focus)), names.Count);
        }

        return null;
    }

    /// <summary>Commas, semicolons, a colon before words, a trailing-off "…" and "but"/"aber": where a rambling message changes clause.</summary>
    [GeneratedRegex(@"\s*[,;]\s*|\s*:(?!\d)\s*|\.{2,}\s*|…\s*|\s+(?=(?:but|aber|however|jedenfalls)\s)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClauseBreak();

    // A clause opened by "and"/"or" continues the question before it ("…, and where?"); one opened
    // by "but" or "so" turns to it ("…, but how much is actually committed?").
    [GeneratedRegex(
        @"^(?:(?:but|aber|so|also|like)\s+)*(?:(?:what\s+i\s+(?:actually\s+|really\s+)?want\s+to\s+know\s+is|i\s+wonder|ich\s+frage?\s+mich)\s+)?(?:what|what's|whats|who|who's|whom|where|when|why|how|which|is|are|was|were|did|does|do|has|have|can|could|will|wer|wen|wem|wo|wann|wie|warum|wieso|weshalb|welche|welcher|welches|welchen|welchem|ob|hat|ist|sind|war|hatte|gibt|stimmt)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuestionStart();
}

/// <param name="Text">The names of the preamble, then the question clause.</param>
/// <param name="ContextWords">How many words at the start of <paramref name="Text"/> are names from the preamble.</param>
internal sealed record FocusedQuestion(string Text, int ContextWords);
