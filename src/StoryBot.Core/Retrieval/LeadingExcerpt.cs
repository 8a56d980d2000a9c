namespace StoryBot.Core.Retrieval;

/// <summary>
/// Which of the excerpts found leads the answer, once the story is known to answer: the shape of
/// the answer follows the question ("what did he say?" wants his words, "why?" the reason), and
/// never moves the decision to answer, which is made on the evidence alone.
/// </summary>
internal static class LeadingExcerpt
{
    /// <summary>
    /// How far behind the best excerpt one quoting the speaker may be and still lead: on the
    /// development set every value from 0.2 to 0.5 gave the same answers, 0.1 too few.
    /// </summary>
    private const double QuotedWordsLead = 0.3;

    public static List<ExcerptHit> Order(List<ExcerptHit> hits, AnalyzedQuestion question, PassageIndex index) =>
        ReasonAfterPremise(QuotedWordsFirst(hits, question), question, index);

    /// <summary>
    /// "Why is Musk not a neutral party?" repeats an excerpt whole ("Musk is, of course, not a
    /// neutral party"), which states what is asked about, not why; the sentence after it in the same
    /// paragraph, when the ranking found it too, is where the story says why, and leads.
    /// </summary>
    private static List<ExcerptHit> ReasonAfterPremise(List<ExcerptHit> hits, AnalyzedQuestion question, PassageIndex index)
    {
        var premise = hits[0].Excerpt;
        if (question.Intent != QuestionIntent.Reason || premise.GivesReason || hits[0].Coverage < 1
            || premise.Index + 1 >= index.Excerpts.Count || !Repeats(question, premise.Excerpt))
        {
            return hits;
        }

        var next = index.Excerpts[premise.Index + 1];
        var at = hits.FindIndex(h => h.Excerpt == next);
        if (at < 0 || next.Excerpt.SourceId != premise.Excerpt.SourceId || next.Excerpt.Paragraph != premise.Excerpt.Paragraph)
        {
            return hits;
        }

        return LeadWith(hits, at);
    }

    /// <summary>Whether the question holds most of the excerpt's own words, in its German or its English.</summary>
    private static bool Repeats(AnalyzedQuestion question, Knowledge.Excerpt excerpt)
    {
        var asked = question.Terms.SelectMany(t => t.Forms).ToHashSet(StringComparer.Ordinal);
        return new[] { excerpt.Quote, excerpt.Translation }.Any(text =>
        {
            var words = StoryAnalyzers.Terms(StoryAnalyzers.Surface, text).Where(w => !Lexicon.Default.IsStopWord(w)).Distinct().ToList();
            return words.Count > 0 && words.Count(w => TermForms.StemsOf(w).Any(asked.Contains)) * 2 >= words.Count;
        });
    }

    /// <summary>
    /// "What did Altman say?" wants his words: once the story is known to answer, an excerpt that
    /// quotes them leads before one, nearly as close, that tells that he replied. Not a ranking
    /// bonus: whether to answer is decided on the evidence, which the shape of the answer must not move.
    /// </summary>
    private static List<ExcerptHit> QuotedWordsFirst(List<ExcerptHit> hits, AnalyzedQuestion question)
    {
        // "Why did Altman reply on Tuesday?" asks about the reply, not for its words.
        if (question.Speaker is null || question.Intent != QuestionIntent.Open || hits[0].Excerpt.QuotesWords)
        {
            return hits;
        }

        var quoted = hits.FindIndex(h => h.Excerpt.QuotesWords && h.Excerpt.Speaker == question.Speaker);
        if (quoted < 0 || hits[0].Fused - hits[quoted].Fused > QuotedWordsLead)
        {
            return hits;
        }

        return LeadWith(hits, quoted);
    }

    private static List<ExcerptHit> LeadWith(List<ExcerptHit> hits, int at) => [hits[at], .. hits.Where((_, i) => i != at)];
}
