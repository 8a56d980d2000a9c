using StoryBot.Core.Answering;
using StoryBot.Core.Knowledge;
using StoryBot.State.Moderation;

namespace StoryBot.State.Corrections;

/// <summary>
/// The posted answer as it should read now: the same text and citations, the withdrawn ones
/// marked, and a short note in the answer's language. Built from the reply as first posted,
/// so running it twice (a retry, a second withdrawal) gives the same message.
/// </summary>
internal static class CorrectedReply
{
    /// <returns>Null when the answer cites none of the withdrawn targets.</returns>
    public static Reply? Build(Reply original, IReadOnlyCollection<CitationTarget> withdrawn, bool noteFirst)
    {
        var excerpts = withdrawn.Where(t => t.Kind == TargetKind.Excerpt).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var sources = withdrawn.Where(t => t.Kind == TargetKind.Source).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var citations = original.Citations
            .Select(c => excerpts.Contains(c.Id) || sources.Contains(c.Source) ? c with { Withdrawn = true } : c)
            .ToList();
        var count = citations.Count(c => c.Withdrawn);
        if (count == original.Citations.Count(c => c.Withdrawn))
        {
            return null;
        }

        TextRun[] note =
        [
            TextRun.Strong(original.Language == Language.German ? "Korrektur: " : "Correction: "),
            TextRun.Plain(Note(original.Language, count, citations.Count - count)),
        ];
        TextRun[] gap = [TextRun.Plain("\n\n")];
        return original with
        {
            Body = noteFirst ? [.. note, .. gap, .. original.Body] : [.. original.Body, .. gap, .. note],
            Citations = citations,
        };
    }

    private static string Note(Language language, int withdrawn, int remaining) => (language, remaining) switch
    {
        (Language.German, 0) =>
            "Die Moderation hat die Auszüge zurückgezogen, die diese Antwort zitierte. Sie stützt sich auf keine Quelle mehr; bitte lassen Sie sie außer Acht.",
        (Language.German, _) =>
            $"Die Moderation hat {withdrawn} der zitierten Auszüge zurückgezogen. Sie sind als zurückgezogen markiert; diese Antwort stützt sich nicht mehr auf sie.",
        (_, 0) =>
            "A moderator has withdrawn the excerpts this answer quoted. It no longer rests on any source; please disregard it.",
        _ => withdrawn == 1
            ? "A moderator has withdrawn one of the quoted excerpts. It is marked as withdrawn; this answer no longer rests on it."
            : $"A moderator has withdrawn {withdrawn} of the quoted excerpts. They are marked as withdrawn; this answer no longer rests on them.",
    };
}
