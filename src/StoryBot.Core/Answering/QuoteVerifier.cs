using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Answering;

/// <summary>
/// The last check before a quote leaves the bot: it must stand, character for character, at
/// the paragraph and offset the citation names, in the source as loaded from disk. Every path
/// that sends a reply (commands, scheduled summaries) runs it.
/// </summary>
public static class QuoteVerifier
{
    /// <summary>The excerpt ids of the reply's citations whose quotes fail the check; empty when all pass.</summary>
    public static IReadOnlyList<string> Unverified(Reply reply, KnowledgePack pack)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return [.. reply.Citations.Where(c => !IsVerbatim(c, pack)).Select(c => c.Id)];
    }

    public static bool IsVerbatim(Citation citation, KnowledgePack pack)
    {
        ArgumentNullException.ThrowIfNull(citation);
        ArgumentNullException.ThrowIfNull(pack);
        if (!pack.Sources.Any(s => s.Id == citation.Source) || !pack.TryGetExcerpt(citation.Id, out var excerpt))
        {
            return false;
        }

        var source = pack.Source(citation.Source);
        if (citation.Paragraph < 1 || citation.Paragraph > source.Paragraphs.Count)
        {
            return false;
        }

        var paragraph = source.Paragraphs[citation.Paragraph - 1].Text;
        return excerpt.Start >= 0
            && excerpt.Start + citation.Quote.Length <= paragraph.Length
            && paragraph.AsSpan(excerpt.Start, citation.Quote.Length).SequenceEqual(citation.Quote)
            && source.RawText.Contains(citation.Quote, StringComparison.Ordinal);
    }
}
