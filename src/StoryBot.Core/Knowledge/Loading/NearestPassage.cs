namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// The passage of a source most like a quote that failed to match. Word windows of about the quote's
/// length are ranked by shared words (Dice coefficient), the best few by character edit distance, and the
/// winner is widened to its whole sentence when that is not much longer. Runs only for failed quotes,
/// so its cost never touches a valid pack's load.
/// </summary>
internal static class NearestPassage
{
    private const int Shortlist = 12;

    // Below this share of common words a "suggestion" would be a different passage, not a correction.
    private const double MinimumSimilarity = 0.5;

    // Share of characters that may differ between the quote and a passage still worth suggesting.
    private const double MaximumDifference = 0.5;

    public sealed record Passage(int Paragraph, string Text);

    private readonly record struct WordSpan(string Word, int Start, int End);

    private readonly record struct Candidate(int Paragraph, int Start, int End, double Similarity);

    public static Passage? Find(SourceDocument source, string quote)
    {
        var quoteWords = Words(quote);
        if (quoteWords.Count == 0)
        {
            return null;
        }

        var wanted = quoteWords.GroupBy(w => w.Word, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var candidates = new List<Candidate>();
        foreach (var paragraph in source.Paragraphs)
        {
            var words = Words(paragraph.Text);
            for (var size = Math.Max(1, quoteWords.Count - 2); size <= quoteWords.Count + 2 && words.Count > 0; size++)
            {
                var windows = Math.Max(1, words.Count - size + 1);
                for (var first = 0; first < windows; first++)
                {
                    var last = Math.Min(first + size, words.Count) - 1;
                    var shared = Shared(wanted, words, first, last);
                    var similarity = 2.0 * shared / (quoteWords.Count + last - first + 1);
                    if (similarity >= MinimumSimilarity)
                    {
                        var (start, end) = Widen(paragraph.Text, words[first], words[last]);
                        candidates.Add(new Candidate(paragraph.Number, start, end, similarity));
                    }
                }
            }
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        var best = candidates.Max(c => c.Similarity);
        var (chosen, distance) = candidates
            .Where(c => c.Similarity >= best - 0.15)
            .OrderByDescending(c => c.Similarity)
            .DistinctBy(c => (c.Paragraph, c.Start, c.End))
            .Take(Shortlist)
            .Select(c => (Candidate: c, Distance: Nearest.Levenshtein(quote, Text(source, c), int.MaxValue)))
            .MinBy(x => x.Distance);

        // Sharing words is not enough: the characters must mostly agree too, or it is another passage.
        var longer = Math.Max(quote.Length, chosen.End - chosen.Start);
        return distance > MaximumDifference * longer ? null : WholeSentence(source, chosen, quote.Length);
    }

    private static string Text(SourceDocument source, Candidate c) => source.Paragraphs[c.Paragraph - 1].Text[c.Start..c.End];

    /// <summary>Curators quote whole sentences: offer the sentence around the passage unless it is far longer than the quote.</summary>
    private static Passage WholeSentence(SourceDocument source, Candidate passage, int quoteLength)
    {
        var text = source.Paragraphs[passage.Paragraph - 1].Text;
        var (start, end) = SentenceAround(text, passage.Start, passage.End);
        return end - start <= 2 * quoteLength
            ? new Passage(passage.Paragraph, text[start..end])
            : new Passage(passage.Paragraph, text[passage.Start..passage.End]);
    }

    private static (int Start, int End) SentenceAround(string text, int start, int end)
    {
        var sentenceStart = 0;
        var sentenceEnd = text.Length;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsSentenceEnd(text, i, out var after))
            {
                continue;
            }

            if (after <= start)
            {
                sentenceStart = after;
            }
            else if (after >= end)
            {
                sentenceEnd = after;
                break;
            }
            else
            {
                // The passage itself spans a sentence end: keep it as it is.
                return (start, end);
            }
        }

        while (sentenceStart < text.Length && char.IsWhiteSpace(text[sentenceStart]))
        {
            sentenceStart++;
        }

        return (sentenceStart, sentenceEnd);
    }

    /// <summary>A sentence ends at . ! or ? (with any closing quotation marks) followed by white space or the end.</summary>
    private static bool IsSentenceEnd(string text, int i, out int after)
    {
        after = i + 1;
        if (text[i] is not ('.' or '!' or '?'))
        {
            return false;
        }

        while (after < text.Length && text[after] is '“' or '”' or '"' or '»' or '«' or '’' or ')')
        {
            after++;
        }

        return after == text.Length || char.IsWhiteSpace(text[after]);
    }

    private static int Shared(Dictionary<string, int> wanted, List<WordSpan> words, int first, int last)
    {
        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        var shared = 0;
        for (var i = first; i <= last; i++)
        {
            var word = words[i].Word;
            if (wanted.TryGetValue(word, out var available) && used.GetValueOrDefault(word) < available)
            {
                used[word] = used.GetValueOrDefault(word) + 1;
                shared++;
            }
        }

        return shared;
    }

    /// <summary>From the first to the last word, widened over adjoining punctuation such as „ “ . ,</summary>
    private static (int Start, int End) Widen(string text, WordSpan first, WordSpan last)
    {
        var start = first.Start;
        while (start > 0 && IsPunctuation(text[start - 1]))
        {
            start--;
        }

        // Punctuation glued to a further word (the hyphen of "OpenAI-CEO") belongs to that word, not to the passage.
        if (start > 0 && char.IsLetterOrDigit(text[start - 1]))
        {
            start = first.Start;
        }

        var end = last.End;
        while (end < text.Length && IsPunctuation(text[end]))
        {
            end++;
        }

        if (end < text.Length && char.IsLetterOrDigit(text[end]))
        {
            end = last.End;
        }

        return (start, end);
    }

    private static bool IsPunctuation(char c) => !char.IsWhiteSpace(c) && !char.IsLetterOrDigit(c);

    private static List<WordSpan> Words(string text)
    {
        var words = new List<WordSpan>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            words.Add(new WordSpan(text[start..i].ToLowerInvariant(), start, i));
        }

        return words;
    }
}
