using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Retrieval;
using StoryBot.Core.Retrieval.Semantic;

namespace StoryBot.Core.Answering;

internal sealed class AnswerEngine(PassageIndexCache indexes, ISemanticStage semantic, ICitationPolicy policy) : IAnswerEngine
{
    private const int MaxPoints = 3;
    private const int MaxExplained = 5;

    public async Task<Reply> AskAsync(string question, Language? preferred, CancellationToken cancellationToken)
    {
        var index = indexes.Current;

        // Mentions, emoji, greetings and "answer briefly:" say nothing about the story; the
        // reply still quotes the question as it was asked.
        var cleaned = QuestionCleaner.Clean(question);
        var analyzed = QuestionAnalyzer.Analyze(cleaned, index, preferred ?? Language.English);
        var found = RelativeDay.Read(cleaned) is { } relative
            ? RelativeDayAnswer.Answer(relative, AnchorOf(relative, index, analyzed.Language), index)
            : Retriever.Search(analyzed, index, MaxPoints, semantic.Similarities(index, cleaned));
        var explanation = Explain(cleaned, analyzed, found);
        if (found.Points.Count == 0)
        {
            var reason = analyzed.Terms.Count == 0 && analyzed.Intent != QuestionIntent.Overview ? Phrases.NothingAsked : Phrases.NotAnswered;
            return ReplyComposer.Abstain(question, analyzed.Language, index.Pack, reason) with { Explanation = explanation };
        }

        var points = found.Points.Select(p => new AnswerPoint(p.Passage.Text, p.Citations, p.Passage.Attribution)).ToList();
        var filter = await policy.GetFilterAsync(cancellationToken);
        return ReplyComposer.Compose(question, analyzed.Language, null, points, index.Pack, filter) with { Explanation = explanation };
    }

    /// <summary>The excerpts that match the event a relative day is counted from, best first.</summary>
    private List<ExcerptHit> AnchorOf(RelativeDay relative, PassageIndex index, Language language)
    {
        var anchor = QuestionAnalyzer.Analyze(relative.Anchor, index, language);
        return Retriever.RankExcerpts(anchor, index, semantic.Similarities(index, relative.Anchor));
    }

    private static AnswerExplanation Explain(string cleaned, AnalyzedQuestion analyzed, SearchResult found)
    {
        return new AnswerExplanation(
            cleaned,
            analyzed.Intent.ToString(),
            [.. found.Ranked.Take(MaxExplained).Select(Features)],
            found.Decision)
        {
            Unknown = [.. analyzed.Terms.Where(t => !t.Known).Select(t => t.Word)],
            Confidence = found.Abstention is { } decision ? Math.Round(decision.Confidence, 3) : null,
            Margin = found.Abstention is { } margin ? Math.Round(margin.Margin, 3) : null,
        };
    }

    private static CandidateFeatures Features(ExcerptHit hit) =>
        new(hit.Excerpt.Excerpt.Id, Math.Round(hit.Coverage, 3), Math.Round(hit.Score, 3), Math.Round(hit.Semantic, 3), Math.Round(hit.Fused, 3))
        {
            Unmatched = hit.Unmatched,
        };

    public Language DetectLanguage(string text, Language fallback)
    {
        var index = indexes.Current;
        var cleaned = QuestionCleaner.Clean(text);
        return LanguageDetector.Detect(cleaned, StoryAnalyzers.Terms(StoryAnalyzers.Surface, cleaned), index, fallback);
    }
}
