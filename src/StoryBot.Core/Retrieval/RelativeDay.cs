using System.Globalization;
using System.Text.RegularExpressions;

namespace StoryBot.Core.Retrieval;

/// <summary>
/// A question asking about a day relative to an event of the story ("the day after the
/// announcement", "zwei Tage vor Altmans Antwort"): how many days from the event, and the words
/// that name the event.
/// </summary>
/// <param name="Offset">Days from the event: negative before it, positive after it.</param>
/// <param name="Anchor">The question without the relative phrase: what names the event.</param>
internal sealed record RelativeDay(int Offset, string Anchor)
{
    private static readonly Dictionary<string, int> Numbers = new(StringComparer.Ordinal)
    {
        ["a"] = 1, ["one"] = 1, ["1"] = 1, ["two"] = 2, ["2"] = 2, ["three"] = 3, ["3"] = 3,
        ["einen"] = 1, ["ein"] = 1, ["eins"] = 1, ["zwei"] = 2, ["drei"] = 3,
    };

    public static RelativeDay? Read(string question)
    {
        // Every phrase names a day ("day", "Tag", "Vortag", "tags"): most questions need no regex at all.
        if (!question.Contains("day", StringComparison.OrdinalIgnoreCase) && !question.Contains("tag", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var text = question.ToLowerInvariant();
        foreach (var (pattern, sign) in Patterns)
        {
            var match = pattern.Match(text);
            if (!match.Success)
            {
                continue;
            }

            var count = match.Groups["n"].Success ? Numbers.GetValueOrDefault(match.Groups["n"].Value, 0) : 1;
            if (count == 0 && sign != 0)
            {
                continue;
            }

            var anchor = string.Join(' ', text.Remove(match.Index, match.Length).Split(' ', StringSplitOptions.RemoveEmptyEntries));
            return new RelativeDay(sign * count, anchor);
        }

        return null;
    }

    /// <summary>The phrases, each with the direction it points (0: the same day); longer phrases are tried first.</summary>
    private static readonly (Regex Pattern, int Sign)[] Patterns =
    [
        (Phrase(@"(on )?(the )?same day( as| when| that)?|am (selben|gleichen) tag( wie| als)?"), 0),
        (Phrase(@"(?<n>\w+) days? (before|earlier than|prior to)"), -1),
        (Phrase(@"(?<n>\w+) days? (after|later than|following)"), 1),
        (Phrase(@"(the )?(day|night) (before|prior to|preceding)"), -1),
        (Phrase(@"(the )?(day|night) (after|following)"), 1),
        (Phrase(@"(the )?(previous|preceding) day( (to|of))?"), -1),
        (Phrase(@"(the )?(next|following) day( (to|of))?"), 1),
        (Phrase(@"(?<n>\w+) tage? (vor|bevor|vorher|davor|zuvor|früher als)"), -1),
        (Phrase(@"(?<n>\w+) tage? (nach|nachdem|danach|später als|darauf)"), 1),
        (Phrase(@"(am )?(tag|abend) (vor|bevor|davor|zuvor|vorher)"), -1),
        (Phrase(@"(am )?(tag|abend) (nach|nachdem|danach|darauf)"), 1),
        (Phrase(@"(am )?vortag( (von|des|der))?"), -1),
        (Phrase(@"(am )?(folgenden|nächsten) tag( (nach|von))?|tags darauf"), 1),
    ];

    // Non-backtracking runs in time linear in the question, so it needs no timeout; one of 100 ms
    // failed questions on a busy machine, where building the automaton at the first match can take longer.
    private static Regex Phrase(string pattern) =>
        new(@"\b(" + pattern + @")\b", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Offset:+0;-0} day(s) from \"{Anchor}\"");
}
