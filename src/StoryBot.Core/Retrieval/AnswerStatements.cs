using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Retrieval;

/// <summary>
/// Turns the excerpts that answer into what the answer says: for each, the curated statement
/// citing it that says most of what was asked, each statement once.
/// </summary>
internal static class AnswerStatements
{
    public const int CitationsPerPoint = 2;

    /// <summary>The statements for the best hit and the hits that join it, at most <paramref name="maxPoints"/>.</summary>
    public static List<RetrievedPoint> Choose(List<ExcerptHit> hits, AnalyzedQuestion question, PassageIndex index, int maxPoints)
    {
        var points = new List<RetrievedPoint>();
        foreach (var hit in hits.Where((h, i) => i == 0 || Abstention.JoinsAnswer(h, hits[0])))
        {
            var id = hit.Excerpt.Excerpt.Id;
            if (points.Count == maxPoints || points.Any(p => p.Citations.Contains(id)))
            {
                continue;
            }

            var passage = BestPassageCiting(id, question, index);
            if (passage is null)
            {
                continue;
            }

            // One statement is said once: a second excerpt it cites joins its citations instead.
            var said = points.FindIndex(p => p.Passage == passage);
            if (said >= 0)
            {
                points[said] = points[said] with { Citations = [.. points[said].Citations, id] };
                continue;
            }

            var citations = passage.Citations.Where(c => c != id).Prepend(id).Take(CitationsPerPoint).ToList();
            points.Add(new RetrievedPoint(passage, citations));
        }

        return points;
    }

    /// <summary>The statement to answer with: of the passages citing the excerpt, the one saying most of what was asked.</summary>
    private static Passage? BestPassageCiting(string excerptId, AnalyzedQuestion question, PassageIndex index)
    {
        Passage? best = null;
        var bestScore = double.MinValue;
        foreach (var passage in index.PassagesCiting(excerptId))
        {
            var score = 0.0;
            foreach (var term in question.Terms)
            {
                if (term.Forms.Any(f => index.PassagePostingsOf(f).Contains(passage.Index)))
                {
                    score += term.Weight;
                }
            }

            score += Preference(passage, question.Intent, excerptId);
            if (score > bestScore)
            {
                (best, bestScore) = (passage, score);
            }
        }

        return best;
    }

    private static double Preference(Passage passage, QuestionIntent intent, string excerptId)
    {
        var preference = passage.Kind switch
        {
            PassageKind.Fact => 0.3,
            PassageKind.Timeline => intent == QuestionIntent.Time ? 0.5 : 0.1,
            _ => intent == QuestionIntent.Person && passage.EntityKind is EntityKind.Person ? 0.4 : 0.0,
        };

        // A passage that cites the excerpt first is about it; later citations are support.
        return passage.Citations[0] == excerptId ? preference + 0.2 : preference;
    }
}
