namespace StoryBot.Core.Knowledge;

/// <summary>
/// The versions of a fact in a developing story, as curators link them with <see cref="Fact.Supersedes"/>:
/// the newest that corrects it, and the earlier ones a fact corrects.
/// </summary>
public static class FactVersions
{
    /// <summary>The latest correction of a fact, or the fact itself; the loader lets a fact correct only older ones, so the walk ends.</summary>
    public static Fact Newest(Fact fact, KnowledgePack pack)
    {
        while (pack.SupersededBy(fact.Id).MaxBy(f => pack.ReportOf(f).Published) is { } newer)
        {
            fact = newer;
        }

        return fact;
    }

    /// <summary>Every fact <paramref name="newest"/> corrects, directly or through another correction, newest report first.</summary>
    public static List<Fact> Earlier(Fact newest, KnowledgePack pack)
    {
        var found = new List<Fact>();
        var next = new Queue<string>(newest.Supersedes);
        while (next.TryDequeue(out var id))
        {
            if (pack.FindFact(id) is { } fact && found.All(f => f.Id != id))
            {
                found.Add(fact);
                foreach (var older in fact.Supersedes)
                {
                    next.Enqueue(older);
                }
            }
        }

        return [.. found.OrderByDescending(f => pack.ReportOf(f).Published)];
    }
}
