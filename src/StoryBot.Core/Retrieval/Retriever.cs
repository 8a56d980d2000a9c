using System.Buffers;
using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Retrieval;

/// <param name="Coverage">Share of the question's weight the excerpt's words match, 0 to 1.</param>
/// <param name="Score">How well it matches, counting how closely each word belongs to the excerpt (0 to 1).</param>
/// <param name="Semantic">Cosine similarity of the question to the excerpt's nearest text; -1 without a semantic stage.</param>
/// <param name="Fused">The ranking score: lexical and semantic evidence together.</param>
internal sealed record ExcerptHit(ExcerptProfile Excerpt, double Coverage, double Score, double Semantic, double Fused)
{
    /// <summary>The question's words the excerpt's texts do not have.</summary>
    public IReadOnlyList<string> Unmatched { get; init; } = [];
}

/// <summary>One statement of an answer and the excerpts it cites, best first.</summary>
internal sealed record RetrievedPoint(Passage Passage, IReadOnlyList<string> Citations);

/// <param name="Points">What to answer with; empty when the story does not answer.</param>
/// <param name="Ranked">The candidate excerpts, best first, with the features the decision read.</param>
/// <param name="Decision">Why the question was answered or not, in a few words for curators.</param>
internal sealed record SearchResult(IReadOnlyList<RetrievedPoint> Points, IReadOnlyList<ExcerptHit> Ranked, string Decision)
{
    /// <summary>The calibrated decision on the best candidate, when one was made.</summary>
    public AbstentionDecision? Abstention { get; init; }
}

/// <summary>
/// Finds the excerpts that answer a question and the curated statements to answer with. An
/// excerpt that shares one keyword with a question but misses what it is about covers little
/// of the question's weight and is not returned: the bot abstains instead.
/// </summary>
internal static class Retriever
{
    private const int CitationsPerPoint = 2;

    public static SearchResult Search(AnalyzedQuestion question, PassageIndex index, int maxPoints, float[]? semantic = null)
    {
        var found = SearchAll(question, index, maxPoints, semantic);
        return LeaderQuestion.OrganisationAsked(question, index) is { } organisation
            ? found with { Points = LeadersOf(organisation, found.Points, index), Decision = found.Decision + "; leader question" }
            : found;
    }

    /// <summary>
    /// A question for an organisation's leader keeps only the statements that tie a leader to it;
    /// when none of those found does, a person's own entry that does answers, and otherwise nothing.
    /// </summary>
    private static IReadOnlyList<RetrievedPoint> LeadersOf(Entity organisation, IReadOnlyList<RetrievedPoint> points, PassageIndex index)
    {
        var names = LeaderQuestion.NameWords(organisation);
        var kept = points.Where(p => LeaderQuestion.TiesLeaderTo(p.Passage, names)).ToList();
        if (kept.Count > 0)
        {
            return kept;
        }

        var entry = index.Passages.FirstOrDefault(p =>
            p.Kind == PassageKind.Entity && p.EntityKind == EntityKind.Person && LeaderQuestion.TiesLeaderTo(p, names));
        return entry is null ? [] : [new RetrievedPoint(entry, [.. entry.Citations.Take(CitationsPerPoint)])];
    }

    private static SearchResult SearchAll(AnalyzedQuestion question, PassageIndex index, int maxPoints, float[]? semantic)
    {
        if (question.Request != StoryRequest.None && AboutTheWholeStory(question, index))
        {
            var kind = question.Request == StoryRequest.Summary ? PassageKind.Summary : PassageKind.Timeline;
            return new([.. index.Passages.Where(p => p.Kind == kind).Select(p => new RetrievedPoint(p, p.Citations))], [], "asks for the story's " + kind.ToString().ToLowerInvariant());
        }

        if (question.Terms.Count == 0)
        {
            return question.Intent == QuestionIntent.Overview
                ? new([.. index.Passages.Where(p => p.Kind == PassageKind.Summary).Select(p => new RetrievedPoint(p, p.Citations))], [], "asks for the story as a whole")
                : new([], [], "no content word");
        }

        if (question.Intent is QuestionIntent.Open or QuestionIntent.Person or QuestionIntent.Overview
            && NamedEntityOnly(question, index) is { } entity)
        {
            return new([new RetrievedPoint(entity, [.. entity.Citations.Take(CitationsPerPoint)])], [], "names only " + entity.Key);
        }

        var hits = RankExcerpts(question, index, semantic);
        if (NamedDay.In(question) is { } day && NamedDay.AsksOnlyForTheDay(question))
        {
            // "What happened on Thursday?" is answered by that day's events or not at all; with
            // more in it ("why did Altman reply on Tuesday?") the day may be the question's mistake,
            // and the excerpt that shows the real day corrects it.
            var onThatDay = NamedDay.ExcerptsOn(day, index);
            hits = [.. hits.Where(h => onThatDay.Contains(h.Excerpt.Excerpt.Id))];
            if (hits.Count == 0)
            {
                return new([], hits, $"the story has nothing on {day}");
            }
        }

        if (hits.Count == 0)
        {
            return new([], hits, "no candidate");
        }

        hits[0] = hits[0] with { Unmatched = Unmatched(hits[0], question, index) };

        var decision = Abstention.Decide(hits);
        if (!decision.Answers)
        {
            return new([], hits, decision.Reason) { Abstention = decision };
        }

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

        return new(points, hits, decision.Reason) { Abstention = decision };
    }

    /// <summary>
    /// A request for the summary or timeline is about the whole story when its other words are
    /// words of the story's headline, the pack's first excerpt ("summarise the Musk Altman fight"),
    /// or words the pack does not know at all ("the gist in two sentences"); "summarise the lawsuit"
    /// asks about the lawsuit.
    /// </summary>
    private static bool AboutTheWholeStory(AnalyzedQuestion question, PassageIndex index) =>
        index.Excerpts.Count > 0
        && question.Terms.All(t => !t.Known || t.Forms.Any(f => Has(index.ExcerptPostingsOf(f), index.Excerpts[0].Index, exact: true)));

    /// <summary>The question's words the excerpt's texts do not have: what a curator looks at first.</summary>
    private static List<string> Unmatched(ExcerptHit hit, AnalyzedQuestion question, PassageIndex index) =>
        [.. question.Terms.Where(t => !t.Forms.Any(f => Has(index.ExcerptPostingsOf(f), hit.Excerpt.Index))).Select(t => t.Word)];

    /// <param name="exact">Only the excerpt's own words count, not what curation says about it.</param>
    private static bool Has(ReadOnlySpan<Posting> postings, int excerpt, bool exact = false)
    {
        foreach (var posting in postings)
        {
            if (posting.Excerpt == excerpt && (!exact || posting.Closeness >= 1f))
            {
                return true;
            }
        }

        return false;
    }

    public static List<ExcerptHit> RankExcerpts(AnalyzedQuestion question, PassageIndex index, float[]? semantic = null)
    {
        // Arrays the size of the pack's excerpts are rented, not allocated: on a large pack they
        // would be large-object allocations on every question, each bringing a full collection nearer.
        var count = index.Excerpts.Count;
        var matched = Rent<double>(count);
        var scores = Rent<double>(count);
        var closeness = Rent<float>(count);
        var found = Rent<bool>(count);
        try
        {
            return Rank(question, index, semantic, count, new Scratch(matched, scores, closeness, found));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(matched);
            ArrayPool<double>.Shared.Return(scores);
            ArrayPool<float>.Shared.Return(closeness);
            ArrayPool<bool>.Shared.Return(found);
        }
    }

    private static T[] Rent<T>(int count)
    {
        var array = ArrayPool<T>.Shared.Rent(Math.Max(1, count));
        Array.Clear(array, 0, count);
        return array;
    }

    private readonly record struct Scratch(double[] Matched, double[] Scores, float[] Closeness, bool[] Found);

    private static List<ExcerptHit> Rank(AnalyzedQuestion question, PassageIndex index, float[]? semantic, int count, Scratch scratch)
    {
        var (matched, scores, closeness, found) = scratch;
        var total = 0.0;

        // Per term, the closest any of its forms comes to each excerpt; arrays rather than a
        // dictionary, because a common word of a large pack is found with tens of thousands.
        var touched = new List<int>();
        foreach (var term in question.Terms)
        {
            foreach (var form in term.Forms)
            {
                foreach (var posting in index.ExcerptPostingsOf(form))
                {
                    var excerpt = posting.Excerpt;
                    if (!found[excerpt])
                    {
                        found[excerpt] = true;
                        touched.Add(excerpt);
                    }

                    closeness[excerpt] = Math.Max(closeness[excerpt], posting.Closeness);
                }
            }

            var weight = term.Weight;
            total += weight;
            foreach (var excerpt in touched)
            {
                matched[excerpt] += weight;
                scores[excerpt] += weight * closeness[excerpt];
                closeness[excerpt] = 0f;
                found[excerpt] = false;
            }

            touched.Clear();
        }

        var hits = new List<ExcerptHit>();
        for (var i = 0; i < count; i++)
        {
            var profile = index.Excerpts[i];
            var coverage = total > 0 ? matched[i] / total : 0;
            var similarity = semantic?[i] ?? -1;
            if ((coverage > 0 || similarity >= Abstention.MinSemantic) && Fits(profile, question.Intent) && SpokenBy(profile, question))
            {
                var score = total > 0 ? scores[i] / total : 0;
                var bonus = total > 0 ? Bonus(profile, question, index) : 0;
                hits.Add(new ExcerptHit(profile, coverage, score, similarity, Abstention.Fuse(score + bonus, similarity)));
            }
        }

        hits.Sort((a, b) => b.Fused != a.Fused ? b.Fused.CompareTo(a.Fused) : a.Excerpt.Index.CompareTo(b.Excerpt.Index));
        return hits;
    }

    /// <summary>
    /// Small preferences between excerpts that match equally: for "when", the one that names the
    /// day itself; and the excerpt whose speaker the question names.
    /// </summary>
    private static double Bonus(ExcerptProfile excerpt, AnalyzedQuestion question, PassageIndex index)
    {
        var bonus = 0.0;
        if (question.Intent == QuestionIntent.Time && excerpt.NamesTime)
        {
            bonus += 0.3;
        }

        if (question.Speaker is not null && excerpt.Speaker == question.Speaker)
        {
            bonus += 0.15;
        }

        return bonus;
    }

    private static bool SpokenBy(ExcerptProfile excerpt, AnalyzedQuestion question) =>
        question.Speaker is null || (excerpt.Speaker is { } speaker && question.Voices.Contains(speaker));

    /// <summary>"How much" is only answered by a figure, "when" only by an excerpt placed in time.</summary>
    private static bool Fits(ExcerptProfile excerpt, QuestionIntent intent) => intent switch
    {
        QuestionIntent.Amount => excerpt.HasAmount,
        QuestionIntent.Time => excerpt.HasTime,
        _ => true,
    };

    /// <summary>
    /// A question that is nothing but a name ("altman?", "what is MGX") asks who or what that
    /// is: the entity's own entry answers it.
    /// </summary>
    private static Passage? NamedEntityOnly(AnalyzedQuestion question, PassageIndex index)
    {
        List<string>? common = null;
        foreach (var term in question.Terms)
        {
            if (term.Names.Count == 0)
            {
                return null;
            }

            common = common is null ? [.. term.Names] : [.. common.Where(term.Names.Contains)];
        }

        return common is { Count: > 0 }
            ? index.Passages.FirstOrDefault(p => p.Kind == PassageKind.Entity && p.Key == common[0])
            : null;
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
