using System.Text.RegularExpressions;

namespace StoryBot.Core.Retrieval;

/// <summary>
/// Splits a question that asks two things ("Who is Altman arguing with, and on which platform?",
/// "Wie viel hat xAI ausgegeben und wer hat geklagt?") into its parts, so each gets its own answer.
/// </summary>
internal static partial class QuestionParts
{
    private const int MaxParts = 3;

    /// <summary>The parts, in the order asked; the question itself when it asks one thing.</summary>
    public static IReadOnlyList<string> Split(string question)
    {
        if (!MayHaveParts(question))
        {
            return [question];
        }

        var parts = new List<string>();
        foreach (var sentence in SentenceBreak().Split(question))
        {
            foreach (var part in Conjunction().Split(sentence))
            {
                var trimmed = part.Trim(' ', ',', ';', '?', '!', '.', '\n');
                if (trimmed.Count(char.IsLetter) >= 3)
                {
                    parts.Add(trimmed);
                }
            }
        }

        return parts.Count is < 2 or > MaxParts ? [question] : parts;
    }

    /// <summary>Whether a second question could start anywhere: a conjunction, or a question mark before more text.</summary>
    private static bool MayHaveParts(string question)
    {
        var mark = question.IndexOf('?', StringComparison.Ordinal);
        return (mark >= 0 && mark < question.TrimEnd().Length - 1)
            || question.Contains(" and ", StringComparison.OrdinalIgnoreCase) || question.Contains(" und ", StringComparison.OrdinalIgnoreCase)
            || question.Contains(" or ", StringComparison.OrdinalIgnoreCase) || question.Contains(" oder ", StringComparison.OrdinalIgnoreCase)
            || question.Contains(" & ", StringComparison.Ordinal);
    }

    /// <summary>A question mark that more text follows.</summary>
    [GeneratedRegex(@"\?+\s+(?=\S)")]
    private static partial Regex SentenceBreak();

    /// <summary>"and"/"und" (or a comma) before a question word, perhaps after a preposition: where a second question starts.</summary>
    [GeneratedRegex(
        @"(?:,\s*|\s+)(?:and|und|&|or|oder)\s+(?=(?:(?:on|in|at|to|from|for|with|by|auf|an|mit|von|für|bei|über)\s+)?(?:what|what's|whats|who|who's|whom|where|when|why|how|which|is|are|was|were|did|does|do|has|have|can|could|will|wer|wen|wem|wo|wann|wie|warum|wieso|weshalb|welche|welcher|welches|welchen|welchem|hat|ist|sind|war|hatte|gibt|kann)\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Conjunction();
}
