namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// Finds a quote verbatim (ordinal, character for character) in one paragraph of its source.
/// When it is not there, says why in words a curator can act on.
/// </summary>
internal static class QuoteLocator
{
    public readonly record struct Location(int Paragraph, int Start);

    public static Location? Find(SourceDocument source, string quote)
    {
        foreach (var paragraph in source.Paragraphs)
        {
            var start = paragraph.Text.IndexOf(quote, StringComparison.Ordinal);
            if (start >= 0)
            {
                return new Location(paragraph.Number, start);
            }
        }

        return null;
    }

    /// <summary>Why <paramref name="quote"/> was not found, with the nearest passage when one is close enough to help.</summary>
    public static string Explain(LoadedSource source, string quote, bool suggest)
    {
        var id = source.Document.Id;
        var furniture = source.NotContent.FirstOrDefault(line =>
            line.Text.Contains(quote.Trim(), StringComparison.Ordinal) || quote.Contains(line.Text, StringComparison.Ordinal));
        if (furniture is not null)
        {
            return $"quote {Shown.Text(quote)} lies in the line {Shown.Text(furniture.Text)} of source '{id}', which is marked not_content ({furniture.Why}); it cannot be quoted";
        }

        if (SpansParagraphs(source.Document, quote) is { } first)
        {
            return $"quote {Shown.Text(quote)} runs from paragraph {first} of source '{id}' into the next one; a quote must lie within one paragraph, so split it into one excerpt per paragraph";
        }

        var message = $"quote {Shown.Text(quote)} is not verbatim in source '{id}'";
        if (!suggest)
        {
            return message;
        }

        var nearest = NearestPassage.Find(source.Document, quote);
        if (nearest is null)
        {
            return message + "; no passage of the source is close to it (copy the quote from the text file, word for word)";
        }

        return message + $"; did you mean (paragraph {nearest.Paragraph}): {Shown.Text(nearest.Text)}{FirstDifference(quote, nearest.Text)}";
    }

    private static int? SpansParagraphs(SourceDocument source, string quote)
    {
        var paragraphs = source.Paragraphs;
        for (var i = 0; i + 1 < paragraphs.Count; i++)
        {
            var joined = paragraphs[i].Text + "\n\n" + paragraphs[i + 1].Text;
            var collapsedQuote = Collapse(quote);
            if (collapsedQuote.Length > 0 && Collapse(joined).Contains(collapsedQuote, StringComparison.Ordinal)
                && !Collapse(paragraphs[i].Text).Contains(collapsedQuote, StringComparison.Ordinal)
                && !Collapse(paragraphs[i + 1].Text).Contains(collapsedQuote, StringComparison.Ordinal))
            {
                return paragraphs[i].Number;
            }
        }

        return null;
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Points at the first character where quote and passage part, which is usually the whole story (a typographic quote mark, a dash).</summary>
    private static string FirstDifference(string quote, string passage)
    {
        var common = quote.AsSpan().CommonPrefixLength(passage);
        if (common == quote.Length && common == passage.Length)
        {
            return "";
        }

        return $"; they differ first at character {common + 1}: the quote has {Describe(quote, common)} where the source has {Describe(passage, common)}";
    }

    private static string Describe(string text, int index) => index >= text.Length
        ? "nothing more"
        : $"'{text[index]}' (U+{(int)text[index]:X4})";
}
