using StoryBot.Core.Knowledge;
using StoryBot.Core.Retrieval;
using StoryBot.Core.Tests.TestSupport;
using Xunit.Abstractions;

namespace StoryBot.Core.Tests.Quality;

public sealed class DebugAnalysis(ITestOutputHelper output)
{
    [Fact]
    public void Dump()
    {
        var index = PassageIndex.Build(StoryServices.Pack);
        foreach (var q in QuestionSet.Load())
        {
            var a = QuestionAnalyzer.Analyze(q.Question, index, Language.English);
            var hits = Retriever.RankExcerpts(a, index).Take(4);
            output.WriteLine($"{q.Question} [{string.Join(",", q.Expected)}] intent={a.Intent} speaker={a.Speaker}");
            output.WriteLine("   terms: " + string.Join(" ", a.Terms.Select(t => $"{t.Word}:{t.Weight:F1}{(t.Forms.Any(index.Contains) ? "" : "?")}")));
            output.WriteLine("   hits: " + string.Join(" ", hits.Select(h => $"{h.Excerpt.Excerpt.Id}:{h.Coverage:F2}/{h.Score:F2}")));
            var loose = QuestionAnalyzer.Analyze(q.Question, index, Language.English) with { Speaker = null, Intent = QuestionIntent.Open };
            output.WriteLine("   loose: " + string.Join(" ", Retriever.RankExcerpts(loose, index).Take(4).Select(h => $"{h.Excerpt.Excerpt.Id}:{h.Coverage:F2}/{h.Score:F2}/{h.Excerpt.Speaker}")));
        }
    }
}
