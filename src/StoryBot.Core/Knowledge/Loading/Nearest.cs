namespace StoryBot.Core.Knowledge.Loading;

/// <summary>Edit-distance helpers behind the "did you mean" hints. Used only once something failed.</summary>
internal static class Nearest
{
    /// <summary>
    /// The candidate closest to <paramref name="text"/> when it is a plausible typo of it: one edit per
    /// three characters, at least one and at most three (so "fr" is not taken for "de").
    /// </summary>
    public static string? Within(string text, IEnumerable<string> candidates)
    {
        var maxDistance = Math.Clamp(text.Length / 3, 1, 3);
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
    /// Edit distance between <paramref name="a"/> and <paramref name="b"/>, or <paramref name="limit"/>
    /// once it is at least that large.
    /// </summary>
    public static int Levenshtein(string a, string b, int limit) =>
        Math.Min(Retrieval.EditDistance.Distance(a, b, limit - 1), limit);
}
