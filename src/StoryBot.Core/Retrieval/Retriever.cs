using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Retrieval;

/// <param name="Coverage">Share of the question's weight the passage matches, 0 to 1.</param>
/// <param name="Score">Coverage plus small preferences for the kind of answer asked.</param>
internal sealed record Hit(Passage Passage, double Coverage, double Score);

/// <summary>
/// Ranks passages by how much of the question they cover. A passage that shares one keyword
/// with a question but misses what it is really about covers little and is not returned.
/// </summary>
internal static class Retriever
{
    /// <summary>Below this share of the question's weight, the story does not answer it.</summary>
    public const double MinCoverage = 0.6;

    public static IReadOnlyList<Hit> Search(AnalyzedQuestion question, PassageIndex index, int max)
    {
        if (question.Terms.Count == 0)
        {
            return OverviewOrNothing(question, index);
        }

        var matched = new double[index.Passages.Count];
        var total = 0.0;
        foreach (var term in question.Terms)
        {
            total += term.Weight;
            var passages = new HashSet<int>();
            foreach (var form in term.Forms)
            {
                foreach (var passage in index.PostingsOf(form))
                {
                    passages.Add(passage);
                }
            }

            foreach (var passage in passages)
            {
                matched[passage] += term.Weight;
            }
        }

        var hits = new List<Hit>();
        for (var i = 0; i < matched.Length; i++)
        {
            var coverage = matched[i] / total;
            if (coverage >= MinCoverage)
            {
                var passage = index.Passages[i];
                hits.Add(new Hit(passage, coverage, coverage + Preference(passage, question.Intent)));
            }
        }

        if (question.Intent == QuestionIntent.Amount)
        {
            // "How much" is only answered by a passage that states a figure.
            hits.RemoveAll(h => !h.Passage.HasAmount);
        }

        return [.. hits
            .OrderByDescending(h => h.Score)
            .ThenBy(h => h.Passage.Breadth)
            .ThenBy(h => h.Passage.Index)
            .Take(max)];
    }

    private static IReadOnlyList<Hit> OverviewOrNothing(AnalyzedQuestion question, PassageIndex index) =>
        question.Intent == QuestionIntent.Overview
            ? [.. index.Passages.Where(p => p.Kind == PassageKind.Summary).Select(p => new Hit(p, 1, 1))]
            : [];

    private static double Preference(Passage passage, QuestionIntent intent)
    {
        var preference = passage.Kind switch
        {
            PassageKind.Fact => 0.02,
            PassageKind.Entity => 0.01,
            _ => 0.0,
        };

        var fits = intent switch
        {
            QuestionIntent.Amount => passage.HasAmount,
            QuestionIntent.Time => passage.HasTime,
            QuestionIntent.Person => passage.EntityKind is EntityKind.Person or EntityKind.Organisation,
            QuestionIntent.Place => passage.EntityKind is EntityKind.Place || passage.Topic == Topic.Places,
            _ => false,
        };

        return fits ? preference + 0.15 : preference;
    }
}
