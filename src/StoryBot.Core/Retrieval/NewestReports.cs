using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Retrieval;

/// <summary>
/// In a developing story a later report may correct an earlier one; curators say which fact
/// corrects which (<see cref="Fact.Supersedes"/>). Whichever of the two a question finds, the
/// answer states the newest and carries the earlier ones along, so it can say what changed.
/// </summary>
internal static class NewestReports
{
    public static IReadOnlyList<RetrievedPoint> Prefer(IReadOnlyList<RetrievedPoint> points, PassageIndex index)
    {
        var pack = index.Pack;
        if (!pack.HasSupersessions)
        {
            return points;
        }

        var preferred = new List<RetrievedPoint>();
        foreach (var point in points)
        {
            var lead = point.Passage.Kind == PassageKind.Fact && pack.FindFact(point.Passage.Key) is { } fact ? Correct(point, fact, index) : point;

            // The earlier and the newer report found together are one statement, said once.
            if (preferred.All(p => p.Passage != lead.Passage))
            {
                preferred.Add(lead);
            }
        }

        return preferred;
    }

    private static RetrievedPoint Correct(RetrievedPoint point, Fact fact, PassageIndex index)
    {
        var pack = index.Pack;
        var newest = FactVersions.Newest(fact, pack);
        var earlier = FactVersions.Earlier(newest, pack);
        if (earlier.Count == 0)
        {
            return point;
        }

        RetrievedPoint PointOf(Fact f) => f.Id == fact.Id
            ? point with { Earlier = [] }
            : new RetrievedPoint(PassageOf(f, index), [.. f.Citations.Take(AnswerStatements.CitationsPerPoint)]);

        return PointOf(newest) with { Earlier = [.. earlier.Select(PointOf)] };
    }

    private static Passage PassageOf(Fact fact, PassageIndex index) =>
        index.Passages.First(p => p.Kind == PassageKind.Fact && p.Key == fact.Id);
}
