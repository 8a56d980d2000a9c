using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Retrieval;

namespace StoryBot.Core.Answering;

internal sealed class AnswerEngine(PassageIndexCache indexes, ICitationPolicy policy, ReplyComposer composer) : IAnswerEngine
{
    private const int MaxPoints = 3;

    /// <summary>Further passages join the answer only when they fit the question almost as well.</summary>
    private const double RunnerUpMargin = 0.1;

    public async Task<Reply> AskAsync(string question, Language? preferred, CancellationToken cancellationToken)
    {
        var index = indexes.Current;
        var analyzed = QuestionAnalyzer.Analyze(question, index, preferred ?? Language.English);
        var hits = Retriever.Search(analyzed, index, MaxPoints);
        if (hits.Count == 0)
        {
            var reason = analyzed.Terms.Count == 0 && analyzed.Intent != QuestionIntent.Overview ? Phrases.NothingAsked : Phrases.NotAnswered;
            return ReplyComposer.Abstain(question, analyzed.Language, index.Pack, reason);
        }

        var best = hits[0].Score;
        var points = hits
            .Where(h => h.Score >= best - RunnerUpMargin)
            .Select(h => new AnswerPoint(h.Passage.Text, h.Passage.Citations, h.Passage.Attribution))
            .ToList();
        var filter = await policy.GetFilterAsync(cancellationToken);
        return composer.Compose(question, analyzed.Language, null, points, index.Pack, filter);
    }

    public Language DetectLanguage(string text, Language fallback)
    {
        var index = indexes.Current;
        return LanguageDetector.Detect(text, StoryAnalyzers.Terms(StoryAnalyzers.Surface, text), index, fallback);
    }
}
