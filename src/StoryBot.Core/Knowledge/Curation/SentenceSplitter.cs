namespace StoryBot.Core.Knowledge.Curation;

/// <summary>One sentence of a paragraph, where it stands in it.</summary>
/// <param name="Start">The character offset of its first character in the paragraph.</param>
public readonly record struct Sentence(string Text, int Start)
{
    public int End => Start + Text.Length;
}

/// <summary>
/// Splits a paragraph of an article into sentences for a draft's excerpts. It errs towards longer
/// sentences: a curator can split one excerpt by hand, but a quote cut inside an abbreviation
/// ("z. B.", "Mrd.") or a German date ("21. Januar") reads wrong and has to be found first.
/// </summary>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "bzw", "ca", "dr", "prof", "nr", "mrd", "mio", "usw", "etc", "vs", "st", "jh", "inkl", "ggf", "dt", "engl", "evtl", "vgl",
        "mr", "mrs", "ms", "jr", "sr", "inc", "co", "corp", "ltd", "no", "approx",
    };

    private static readonly HashSet<string> MonthNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember",
    };

    private const string Closers = "\"'”“»«’)";

    public static IReadOnlyList<Sentence> Split(string paragraph)
    {
        ArgumentNullException.ThrowIfNull(paragraph);
        var sentences = new List<Sentence>();
        var start = Skip(paragraph, 0);
        var quoted = 0;
        for (var i = start; i < paragraph.Length; i++)
        {
            quoted = Quotation(paragraph[i], quoted);
            if (paragraph[i] is not ('.' or '!' or '?' or '…'))
            {
                continue;
            }

            var end = i + 1;
            while (end < paragraph.Length && (Closers.Contains(paragraph[end]) || paragraph[end] is '.' or '!' or '?'))
            {
                quoted = Quotation(paragraph[end], quoted);
                end++;
            }

            // A quotation of several sentences stays one excerpt: it is one person's words.
            if (quoted > 0)
            {
                continue;
            }

            var next = Skip(paragraph, end);
            if (next == end || next >= paragraph.Length || !StartsSentence(paragraph[next]) || !EndsSentence(paragraph, i, next))
            {
                continue;
            }

            sentences.Add(new Sentence(paragraph[start..end], start));
            start = next;
            i = next - 1;
        }

        if (start < paragraph.Length)
        {
            var rest = paragraph[start..].TrimEnd();
            if (rest.Length > 0)
            {
                sentences.Add(new Sentence(rest, start));
            }
        }

        return sentences;
    }

    /// <summary>How deep inside quotation marks the text is after <paramref name="c"/>: German „…“ and English “…”.</summary>
    private static int Quotation(char c, int depth) => c switch
    {
        '„' or '»' => depth + 1,
        '“' => depth > 0 ? depth - 1 : depth + 1,
        '”' or '«' => Math.Max(0, depth - 1),
        _ => depth,
    };

    private static int Skip(string text, int from)
    {
        while (from < text.Length && char.IsWhiteSpace(text[from]))
        {
            from++;
        }

        return from;
    }

    private static bool StartsSentence(char c) => char.IsUpper(c) || char.IsDigit(c) || c is '„' or '"' or '“' or '»' or '«' or '\'' or '‚' or '(';

    private static bool EndsSentence(string text, int mark, int next)
    {
        if (text[mark] != '.')
        {
            return true;
        }

        var wordStart = mark;
        while (wordStart > 0 && char.IsLetterOrDigit(text[wordStart - 1]))
        {
            wordStart--;
        }

        var word = text[wordStart..mark];
        if (word.Length == 0)
        {
            return true;
        }

        if (word.All(char.IsDigit))
        {
            // "am 21. Januar": a German ordinal, not the end of a sentence.
            return !MonthNames.Contains(NextWord(text, next));
        }

        // Initials ("S. Altman") and abbreviations ("Mrd.", "z. B.").
        return word.Length > 1 && !Abbreviations.Contains(word);
    }

    private static string NextWord(string text, int from)
    {
        var end = from;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        return text[from..end];
    }
}
