namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// The passage of a source most like a quote that failed to match: word windows of about the quote's
/// length are ranked by shared words, then the best few by character edit distance. Runs only for
/// failed quotes, so its cost never touches a valid pack's load.
/// </summary>
internal static class NearestPassage
{
    private const int Shortlist = 12;

    public sealed record Passage(int Paragraph, string Text);

    public static Passage? Find(SourceDocument source, string quote)
    {
        var quoteWords = Words(quote);
        if (quoteWords.Count == 0)
        {
            return null;
        }

        var wanted = quoteWords.GroupBy(w => w.Word, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var candidates = new List<(int Shared, int SizeGap, Passage Passage)>();
        foreach (var paragraph in source.Paragraphs)
        {
            var words = Words(paragraph.Text);
            if (words.Count == 0)
            {
                continue;
            }

            for (var size = Math.Max(1, quoteWords.Count - 2); size <= quoteWords.Count + 2; size++)
            {
                var windows = Math.Max(1, words.Count - size + 1);
                for (var first = 0; first < windows; first++)
                {
                    var last = Math.Min(first + size, words.Count) - 1;
                    var shared = Shared(wanted, words, first, last);
                    if (shared > 0)
                    {
                        var passage = new Passage(paragraph.Number, Cut(paragraph.Text, words[first], words[last]));
                        candidates.Add((shared, Math.Abs(size - quoteWords.Count), passage));
                    }
                }
            }
        }

        return candidates
            .OrderByDescending(c => c.Shared)
            .ThenBy(c => c.SizeGap)
            .Select(c => c.Passage)
            .Distinct()
            .Take(Shortlist)
            .MinBy(p => Nearest.Levenshtein(quote, p.Text, int.MaxValue));
    }

    private readonly record struct WordSpan(string Word, int Start, int End);

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

    /// <summary>The paragraph text from the first to the last word, widened over adjoining punctuation such as „ “ . ,</summary>
    private static string Cut(string text, WordSpan first, WordSpan last)
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

        return text[start..end];
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
