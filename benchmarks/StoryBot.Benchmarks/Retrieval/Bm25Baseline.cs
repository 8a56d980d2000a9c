using StoryBot.Core.Knowledge;
using StoryBot.Core.Retrieval;

namespace StoryBot.Benchmarks.Retrieval;

/// <summary>
/// The plain keyword baseline the engine is measured against: Okapi BM25 (k1 1.2, b 0.75) over
/// the pack's excerpts, each indexed by its German quote (German stems) and English rendering
/// (English stems), with no curation, synonyms, spelling correction or abstention.
/// </summary>
internal sealed class Bm25Baseline
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly List<Dictionary<string, int>> _documents;
    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
    private readonly double _averageLength;
    private readonly IReadOnlyList<Excerpt> _excerpts;

    public Bm25Baseline(KnowledgePack pack)
    {
        _excerpts = pack.Excerpts;
        _documents = [.. pack.Excerpts.Select(e => Counts(Terms(e.Translation, e.Quote)))];
        foreach (var term in _documents.SelectMany(d => d.Keys))
        {
            _documentFrequency[term] = _documentFrequency.GetValueOrDefault(term) + 1;
        }

        _averageLength = _documents.Count == 0 ? 1 : _documents.Average(d => d.Values.Sum());
    }

    /// <summary>The excerpt ids, best first; those sharing no term with the question are left out.</summary>
    public IReadOnlyList<string> Rank(string question)
    {
        var query = Terms(question, question).Distinct(StringComparer.Ordinal).ToList();
        var scores = new List<(string Id, double Score)>();
        for (var i = 0; i < _documents.Count; i++)
        {
            var document = _documents[i];
            var length = document.Values.Sum();
            var score = 0.0;
            foreach (var term in query)
            {
                if (!document.TryGetValue(term, out var frequency))
                {
                    continue;
                }

                var df = _documentFrequency[term];
                var idf = Math.Log(1 + ((_documents.Count - df + 0.5) / (df + 0.5)));
                score += idf * frequency * (K1 + 1) / (frequency + (K1 * (1 - B + (B * length / _averageLength))));
            }

            if (score > 0)
            {
                scores.Add((_excerpts[i].Id, score));
            }
        }

        return [.. scores.OrderByDescending(s => s.Score).Select(s => s.Id)];
    }

    private static List<string> Terms(string english, string german) =>
        [.. StoryAnalyzers.Terms(StoryAnalyzers.English, english).Select(t => "en:" + t),
         .. StoryAnalyzers.Terms(StoryAnalyzers.German, german).Select(t => "de:" + t)];

    private static Dictionary<string, int> Counts(List<string> terms)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            counts[term] = counts.GetValueOrDefault(term) + 1;
        }

        return counts;
    }
}
