using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Retrieval;

namespace StoryBot.Core.Answering;

internal sealed class AnswerEngine(PassageIndexCache indexes, ICitationPolicy policy) : IAnswerEngine
{
    private const int MaxPoints = 3;

    public async Task<Reply> AskAsync(string question, Language? preferred, CancellationToken cancellationToken)
    {
        var index = indexes.Current;
        var analyzed = QuestionAnalyzer.Analyze(question, index, preferred ?? Language.English);
        var found = Retriever.Search(analyzed, index, MaxPoints);
        if (found.Count == 0)
        {
            var reason = analyzed.Terms.Count == 0 && analyzed.Intent != QuestionIntent.Overview ? Phrases.NothingAsked : Phrases.NotAnswered;
            return ReplyComposer.Abstain(question, analyzed.Language, index.Pack, reason);
        }

        var points = found.Select(p => new AnswerPoint(p.Passage.Text, p.Citations, p.Passage.Attribution)).ToList();
        var filter = await policy.GetFilterAsync(cancellationToken);
        return ReplyComposer.Compose(question, analyzed.Language, null, points, index.Pack, filter);
    }

    public Language DetectLanguage(string text, Language fallback)
    {
        var index = indexes.Current;
        return LanguageDetector.Detect(text, StoryAnalyzers.Terms(StoryAnalyzers.Surface, text), index, fallback);
    }
}
