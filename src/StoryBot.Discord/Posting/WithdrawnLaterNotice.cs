using System.Globalization;
using StoryBot.Core.Answering;
using StoryBot.Core.Knowledge;

namespace StoryBot.Discord.Posting;

/// <summary>
/// The correction for quotes withdrawn from the later messages of a long answer, which cannot be
/// edited: which quotes (by their number in the answer) no longer hold, in the answer's language.
/// </summary>
internal static class WithdrawnLaterNotice
{
    /// <returns>Null when no citation from <paramref name="firstLater"/> on is withdrawn.</returns>
    public static Reply? For(Reply corrected, int firstLater)
    {
        var german = corrected.Language == Language.German;
        var numbers = corrected.Citations
            .Select((citation, index) => (citation, number: index + 1))
            .Where(c => c.number > firstLater && c.citation.Withdrawn)
            .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.number} ({(german ? "Absatz" : "paragraph")} {c.citation.Paragraph})"))
            .ToList();
        if (numbers.Count == 0)
        {
            return null;
        }

        var list = string.Join(", ", numbers);
        var one = numbers.Count == 1;
        var text = german
            ? $"Die Moderation hat {(one ? "Zitat" : "die Zitate")} {list} der Antwort oben zurückgezogen. Die Antwort stützt sich nicht mehr darauf."
            : $"A moderator has withdrawn {(one ? "quote" : "quotes")} {list} of the answer above. The answer no longer rests on {(one ? "it" : "them")}.";
        return corrected with
        {
            Kind = ReplyKind.Notice,
            Body = [TextRun.Strong(german ? "Korrektur: " : "Correction: "), TextRun.Plain(text)],
            Citations = [],
        };
    }
}
