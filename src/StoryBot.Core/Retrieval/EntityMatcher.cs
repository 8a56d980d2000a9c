using System.Runtime.CompilerServices;
using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Retrieval;

/// <summary>
/// Finds the entity a typed name means: any case, any alias in English or German, accents
/// folded, a part of a name ("musk"), or a typo of one.
/// </summary>
internal static class EntityMatcher
{
    /// <summary>Each pack's names, analysed once: a lookup then only compares tokens.</summary>
    private static readonly ConditionalWeakTable<KnowledgePack, List<(Entity Entity, List<string> Tokens)>> Names = [];

    public static Entity? Find(string typed, KnowledgePack pack)
    {
        var query = StoryAnalyzers.Terms(StoryAnalyzers.Surface, typed);
        if (query.Count == 0)
        {
            return null;
        }

        var joined = string.Join(' ', query);
        Entity? best = null;
        var bestScore = 0.0;
        foreach (var (entity, tokens) in Names.GetValue(pack, AnalyseNames))
        {
            var score = Score(query, joined, tokens);
            if (score > bestScore)
            {
                (best, bestScore) = (entity, score);
            }
        }

        return best;
    }

    private static List<(Entity Entity, List<string> Tokens)> AnalyseNames(KnowledgePack pack) =>
        [.. pack.Entities.SelectMany(e => e.Aliases.Prepend(e.Name).Select(name => (e, StoryAnalyzers.Terms(StoryAnalyzers.Surface, name))))];

    /// <summary>1 for an exact name, less for part of a name or a near spelling, 0 for no match.</summary>
    private static double Score(List<string> query, string joined, List<string> name)
    {
        if (name.Count == 0)
        {
            return 0;
        }

        var full = string.Join(' ', name);
        if (full == joined)
        {
            return 1.0;
        }

        if (joined.Length >= 4 && EditDistance.IsWithin(joined, full, Tolerance(full.Length)))
        {
            return 0.9;
        }

        // Every typed word must be a word of the name (or close to one): "musk", "sam altmann".
        var matched = 0;
        foreach (var word in query)
        {
            if (name.Any(n => n == word || (word.Length >= 4 && EditDistance.IsWithin(word, n, Tolerance(n.Length)))))
            {
                matched++;
            }
        }

        return matched == query.Count ? 0.5 + (0.3 * matched / name.Count) : 0;
    }

    private static int Tolerance(int length) => length switch
    {
        <= 3 => 0,
        <= 6 => 1,
        _ => 2,
    };
}
