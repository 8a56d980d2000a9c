using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Answering;

/// <summary>
/// The last check before a quote leaves the bot: it must stand, character for character, at
/// the paragraph and offset the citation names, in the source as loaded from disk.
/// </summary>
internal static class QuoteVerifier
{
    public static bool IsVerbatim(Citation citation, KnowledgePack pack)
    {
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
