using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;

namespace StoryBot.State.Summaries;

/// <summary>One line of a summary before numbering: its text, who says it, what it rests on.</summary>
/// <param name="ArticleVoice">The article states it itself (no party's claim).</param>
internal sealed record SummaryClaim(string Text, string? Attribution, IReadOnlyList<string> ExcerptIds, bool ArticleVoice);

internal sealed record NumberedClaim(SummaryClaim Claim, IReadOnlyList<int> Numbers);

/// <summary>
/// The citations of one summary, numbered in order of first use, each excerpt once, at most
/// <paramref name="maxCitations"/>. A quote takes the attribution of its speaker where a fact
/// names one (<paramref name="speakers"/>), else that of the line citing it.
/// </summary>
internal sealed class SummaryCitations(KnowledgePack pack, CitationFilter filter, IReadOnlyDictionary<string, string> speakers, int maxCitations)
{
    private readonly List<Citation> _all = [];
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);

    public IReadOnlyList<Citation> All => _all;

    public int Count => _all.Count;

    /// <summary>
    /// Numbers every allowed excerpt of the claim, or none when the claim has no allowed
    /// excerpt, would overflow the limit, or (with <paramref name="mustAddExcerpt"/>) cites
    /// nothing that is not cited already.
    /// </summary>
    public List<int> Cite(SummaryClaim claim, bool mustAddExcerpt)
    {
        var usable = claim.ExcerptIds
            .Distinct(StringComparer.Ordinal)
            .Select(id => pack.TryGetExcerpt(id, out var excerpt) ? excerpt : null)
            .OfType<Excerpt>()
            .Where(excerpt => filter.Allows(excerpt) && !IsFlagged(excerpt))
            .ToList();
        var fresh = usable.Count(excerpt => !_numbers.ContainsKey(excerpt.Id));
        if (usable.Count == 0 || (mustAddExcerpt && fresh == 0) || _all.Count + fresh > maxCitations)
        {
            return [];
        }

        var numbers = new List<int>();
        foreach (var excerpt in usable)
        {
            if (!_numbers.TryGetValue(excerpt.Id, out var number))
            {
                _all.Add(new Citation(
                    excerpt.Id, excerpt.SourceId, excerpt.Paragraph, excerpt.Quote, excerpt.Translation,
                    speakers.GetValueOrDefault(excerpt.Id) ?? claim.Attribution));
                number = _all.Count;
                _numbers[excerpt.Id] = number;
            }

            numbers.Add(number);
        }

        return numbers;
    }

    // A flagged paragraph is garbled or doubtful in the source: fine to quote when asked about
    // it, never as the ground of a summary line.
    private bool IsFlagged(Excerpt excerpt) =>
        pack.Sources.FirstOrDefault(source => source.Id == excerpt.SourceId)?.Paragraphs
            .FirstOrDefault(paragraph => paragraph.Number == excerpt.Paragraph)?.Flag is not null;
}
