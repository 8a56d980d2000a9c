namespace StoryBot.Core.Retrieval;

/// <summary>
/// Answers "what happened the day after X" from the timeline: finds the event the question
/// names, the story day it happened on, and the entries of the day asked for. Only entries
/// placed on a weekday can be counted from; "last year" or an undated entry has no neighbours.
/// </summary>
internal static class RelativeDayAnswer
{
    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <param name="anchor">The question without its relative phrase: the words that name the event.</param>
    /// <param name="anchorHits">The excerpts that match the event the question names, best first.</param>
    /// <returns>The entries of the day asked for; empty when the story has none on that day or the event has no day.</returns>
    public static SearchResult Answer(RelativeDay relative, AnalyzedQuestion anchor, IReadOnlyList<ExcerptHit> anchorHits, PassageIndex index)
    {
        var days = index.Pack.Timeline.ToDictionary(t => t.Id, t => Array.IndexOf(Weekdays, t.Day.En.Trim().ToLowerInvariant()), StringComparer.Ordinal);
        int? DayOf(Passage entry) => days.TryGetValue(entry.Key, out var day) && day >= 0 ? day : null;
        var timeline = index.Passages.Where(p => p.Kind == PassageKind.Timeline).ToList();
        foreach (var hit in anchorHits.Take(3))
        {
            // Of the entries citing the excerpt, the one that says what the question names: the
            // passage on DOGE is cited by "first announced last year" and by Monday's order, and
            // "the announcement" means the first, which has no weekday to count from.
            var id = hit.Excerpt.Excerpt.Id;
            var named = timeline
                .Where(p => p.Citations.Contains(id))
                .OrderByDescending(p => Said(anchor, p, index))
                .ThenBy(p => p.Citations[0] == id ? 0 : 1)
                .FirstOrDefault();
            if (named is null || DayOf(named) is not { } anchorDay)
            {
                continue;
            }

            var day = anchorDay + relative.Offset;
            var entries = timeline.Where(p => DayOf(p) == day && (relative.Offset != 0 || p != named)).ToList();
            var reason = $"{relative}: the event is {named.Key}";
            return new SearchResult(
                [.. entries.Select(p => new RetrievedPoint(p, p.Citations))],
                anchorHits,
                entries.Count == 0 ? reason + "; the story has nothing on that day" : reason);
        }

        return new SearchResult([], anchorHits, $"{relative}: no dated event matches");
    }

    /// <summary>How much of the question's keyword weight an entry's own statement holds.</summary>
    private static double Said(AnalyzedQuestion question, Passage entry, PassageIndex index) =>
        question.Terms.Where(t => t.Forms.Any(f => index.PassagePostingsOf(f).Contains(entry.Index))).Sum(t => t.Weight);
}
