using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Retrieval;

/// <summary>
/// Finds the excerpts that answer a question and the curated statements to answer with. An
/// excerpt that shares one keyword with a question but misses what it is about covers little
/// of the question's weight and is not returned: the bot abstains instead.
/// </summary>
internal static class Retriever
{
    public static SearchResult Search(AnalyzedQuestion question, PassageIndex index, int maxPoints, float[]? semantic = null)
    {
        var found = SearchAll(question, index, maxPoints, semantic);
        return LeaderQuestion.OrganisationAsked(question, index) is { } organisation
            ? found with { Points = LeadersOf(organisation, found.Points, index), Decision = found.Decision + "; leader question" }
            : found;
    }

    /// <summary>The candidates alone, without a decision or statements: how the event a relative day is counted from is found.</summary>
    public static List<ExcerptHit> RankExcerpts(AnalyzedQuestion question, PassageIndex index, float[]? semantic = null) =>
        ExcerptRanker.Rank(question, index, semantic);

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
        return entry is null ? [] : [new RetrievedPoint(entry, [.. entry.Citations.Take(AnswerStatements.CitationsPerPoint)])];
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

        // "Wie ist das Wetter in Davos" names only Davos once its unknown word is dropped, but asks
        // for the weather: the ranking, which keeps only excerpts naming it, decides. "What did Musk
        // say" names only Musk once "say" is dropped, but asks for his words, not who he is.
        if (question.Intent is QuestionIntent.Open or QuestionIntent.Person or QuestionIntent.Overview
            && question.Attribute is null
            && question.Speaker is null
            && NamedEntityOnly(question, index) is { } entity)
        {
            return new([new RetrievedPoint(entity, [.. entity.Citations.Take(AnswerStatements.CitationsPerPoint)])], [], "names only " + entity.Key);
        }

        var hits = ExcerptRanker.Rank(question, index, semantic);
        var rivals = semantic;
        if (NamedDay.In(question) is { } day && NamedDay.AsksOnlyForTheDay(question))
        {
            rivals = null;
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
            return new([], hits, question.Attribute is { } attribute ? $"no excerpt names the {attribute.Word} asked for" : "no candidate");
        }

        hits[0] = hits[0] with { Unmatched = Unmatched(hits[0], question, index) };
        if (AsksBeyondTheNames(hits[0], question))
        {
            return new([], hits, "only the names match; the story never mentions the rest");
        }

        var decision = Abstention.Decide(hits, rivals);
        if (!decision.Answers)
        {
            return new([], hits, decision.Reason) { Abstention = decision };
        }

        return new(AnswerStatements.Choose(LeadingExcerpt.Order(hits, question, index), question, index, maxPoints), hits, decision.Reason) { Abstention = decision };
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

    /// <summary>
    /// "What's Sam Altman's net worth?": the best excerpt shares only the question's names, and the
    /// rest of it is words the story never uses anywhere. What is asked is that rest, which the
    /// story does not cover; a name alone makes the excerpt similar in meaning, not an answer.
    /// </summary>
    private static bool AsksBeyondTheNames(ExcerptHit top, AnalyzedQuestion question)
    {
        var (matched, unmatched) = (0, 0);
        foreach (var term in question.Terms)
        {
            if (!top.Unmatched.Contains(term.Word))
            {
                if (term.Names.Count == 0)
                {
                    return false;
                }

                matched++;
            }
            else if (term.Word.Length > 2)
            {
                // Longer than a letter or two ("w/" for "with"), which is shorthand, not a topic.
                if (term.Known || term.Names.Count > 0)
                {
                    return false;
                }

                unmatched++;
            }
        }

        return matched > 0 && unmatched > 0;
    }

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

    /// <summary>
    /// A question that is nothing but a name ("altman?", "what is MGX") asks who or what that
    /// is: the entity's own entry answers it.
    /// </summary>
    private static Passage? NamedEntityOnly(AnalyzedQuestion question, PassageIndex index) =>
        QueryTerm.NamesInCommon(question.Terms) is [var entity, ..]
            ? index.Passages.FirstOrDefault(p => p.Kind == PassageKind.Entity && p.Key == entity)
            : null;
}
