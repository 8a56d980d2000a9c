namespace StoryBot.Core.Retrieval;

/// <summary>
/// Answers "what happened the day after X" from the timeline: finds the event the question
/// names, the story day it happened on, and the entries of the day asked for. Only entries
/// placed on a weekday can be counted from; "last year" or an undated entry has no neighbours.
/// </summary>
internal static class RelativeDayAnswer
{
    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <param name="anchorHits">The excerpts that match the event the question names, best first.</param>
    /// <returns>The entries of the day asked for; empty when the story has none on that day or the event has no day.</returns>
    public static SearchResult Answer(RelativeDay relative, IReadOnlyList<ExcerptHit> anchorHits, PassageIndex index)
    {
        var days = index.Pack.Timeline.ToDictionary(t => t.Id, t => Array.IndexOf(Weekdays, t.Day.En.Trim().ToLowerInvariant()), StringComparer.Ordinal);
        int? DayOf(Passage entry) => days.TryGetValue(entry.Key, out var day) && day >= 0 ? day : null;
        var timeline = index.Passages.Where(p => p.Kind == PassageKind.Timeline).ToList();
        foreach (var hit in anchorHits.Take(3))
        {
            var id = hit.Excerpt.Excerpt.Id;
            var anchor = timeline
                .Where(p => p.Citations.Contains(id) && DayOf(p) is not null)
                .OrderBy(p => p.Citations[0] == id ? 0 : 1)
                .FirstOrDefault();
            if (anchor is null)
            {
                continue;
            }

            var day = DayOf(anchor)!.Value + relative.Offset;
            var entries = timeline.Where(p => DayOf(p) == day && (relative.Offset != 0 || p != anchor)).ToList();
            var reason = $"{relative}: the event is {anchor.Key}";
            return new SearchResult(
                [.. entries.Select(p => new RetrievedPoint(p, p.Citations))],
                anchorHits,
                entries.Count == 0 ? reason + "; the story has nothing on that day" : reason);
        }

        return new SearchResult([], anchorHits, $"{relative}: no dated event matches");
    }
}
