using System.Buffers;

namespace StoryBot.Core.Retrieval;

/// <summary>
/// Scores every excerpt against a question: how much of the question's weight its words cover,
/// how closely those words belong to it, and how near it is in meaning, fused into one ranking.
/// </summary>
internal static class ExcerptRanker
{
    /// <summary>
    /// Less than "when" gets for a named day: a "why" is often answered by a claim or a motive no
    /// connective marks ("Musk ist natürlich keine neutrale Partei").
    /// </summary>
    private const double ReasonBonus = 0.15;

    public static List<ExcerptHit> Rank(AnalyzedQuestion question, PassageIndex index, float[]? semantic = null)
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

        var named = question.Intent == QuestionIntent.Amount ? NamedOutright.In(question, index) : [];
        var hits = new List<ExcerptHit>();
        for (var i = 0; i < count; i++)
        {
            var profile = index.Excerpts[i];
            var coverage = total > 0 ? matched[i] / total : 0;
            var similarity = semantic?[i] ?? -1;
            if ((coverage > 0 || similarity >= Abstention.MinSemantic) && Fits(profile, question.Intent, named) && SpokenBy(profile, question)
                && NamesSomeoneElse(profile, question) && NamesTheAttribute(profile, question))
            {
                var score = total > 0 ? scores[i] / total : 0;
                var bonus = total > 0 ? Bonus(profile, question) : 0;
                hits.Add(new ExcerptHit(profile, coverage, score, similarity, Abstention.Fuse(score + bonus, similarity)));
            }
        }

        hits.Sort((a, b) => b.Fused != a.Fused ? b.Fused.CompareTo(a.Fused) : a.Excerpt.Index.CompareTo(b.Excerpt.Index));
        return hits;
    }

    /// <summary>
    /// Small preferences between excerpts that match equally: for "when", the one that names the
    /// day itself; for "why", one that gives a cause or purpose; and the excerpt whose speaker the
    /// question names.
    /// </summary>
    private static double Bonus(ExcerptProfile excerpt, AnalyzedQuestion question)
    {
        var bonus = 0.0;
        if (question.Intent == QuestionIntent.Time && excerpt.NamesTime)
        {
            bonus += 0.3;
        }

        if (question.Intent == QuestionIntent.Reason && excerpt.GivesReason)
        {
            bonus += ReasonBonus;
        }

        if (question.Speaker is not null && excerpt.Speaker == question.Speaker)
        {
            bonus += 0.15;
        }

        return bonus;
    }

    /// <summary>
    /// "Who" is answered by a person or organisation the question does not name itself: "who is
    /// musk's source" is not answered by an excerpt naming only Musk and SoftBank.
    /// </summary>
    private static bool NamesSomeoneElse(ExcerptProfile excerpt, AnalyzedQuestion question) =>
        question.Intent != QuestionIntent.Person
        || excerpt.Actors.Any(actor => !question.Terms.Any(t => t.Names.Contains(actor)));

    private static bool NamesTheAttribute(ExcerptProfile excerpt, AnalyzedQuestion question) =>
        question.Attribute is null || question.Attribute.IsNamedBy(excerpt);

    private static bool SpokenBy(ExcerptProfile excerpt, AnalyzedQuestion question) =>
        question.Speaker is null || (excerpt.Speaker is { } speaker && question.Voices.Contains(speaker));

    /// <summary>"How much" is only answered by a figure about what it names, "when" only by an excerpt placed in time.</summary>
    private static bool Fits(ExcerptProfile excerpt, QuestionIntent intent, IReadOnlyList<IReadOnlyList<string>> named) => intent switch
    {
        QuestionIntent.Amount => excerpt.HasAmount && GivesAFigureAbout(excerpt, named),
        QuestionIntent.Time => excerpt.HasTime,
        _ => true,
    };

    /// <summary>
    /// "How much did MGX put in?" is not answered by the $500 billion all of Stargate's investors
    /// would bring: a question naming someone needs a statement that gives a figure about all it names.
    /// </summary>
    private static bool GivesAFigureAbout(ExcerptProfile excerpt, IReadOnlyList<IReadOnlyList<string>> named) =>
        named.Count == 0 || excerpt.FiguresAbout.Any(about => named.All(ids => ids.Any(about.Contains)));
}
