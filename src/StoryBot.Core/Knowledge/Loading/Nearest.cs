namespace StoryBot.Core.Knowledge.Loading;

/// <summary>Edit-distance helpers behind the "did you mean" hints. Used only once something failed.</summary>
internal static class Nearest
{
    /// <summary>The candidate closest to <paramref name="text"/> if it is within <paramref name="maxDistance"/> edits.</summary>
    public static string? Within(string text, IEnumerable<string> candidates, int maxDistance)
    {
        string? best = null;
        var bestDistance = maxDistance + 1;
        foreach (var candidate in candidates)
        {
            var distance = Levenshtein(text, candidate, bestDistance);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>The <paramref name="count"/> candidates closest to <paramref name="text"/>, nearest first.</summary>
    public static IReadOnlyList<string> Closest(string text, IEnumerable<string> candidates, int count) =>
        [.. candidates
            .Select(c => (Candidate: c, Distance: Levenshtein(text, c, int.MaxValue)))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Candidate, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.Candidate)];

    /// <summary>
    /// Edit distance between <paramref name="a"/> and <paramref name="b"/>; stops early and returns
    /// <paramref name="limit"/> once every path is at least that long.
    /// </summary>
    public static int Levenshtein(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) >= limit)
        {
            return limit;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
                rowMinimum = Math.Min(rowMinimum, current[j]);
            }

            if (rowMinimum >= limit)
            {
                return limit;
            }

            (previous, current) = (current, previous);
        }

        return Math.Min(previous[b.Length], limit);
    }
}
