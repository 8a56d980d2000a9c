namespace StoryBot.Core.Retrieval;

/// <summary>
/// Which language a word the pack never uses looks like, from the letter triples of the words
/// it uses in only one language: "Gesamtsumme", "Kosten" and "Antwort" read German, "funding"
/// and "reply" English, although neither is a function word nor in the story.
/// </summary>
/// <remarks>
/// Learned from the pack itself, so it knows the languages as the story writes them and needs no
/// word list; a word too short or too mixed to lean either way casts no vote.
/// </remarks>
internal sealed class WordLanguages
{
    /// <summary>Below this average leaning per letter triple a word says nothing.</summary>
    private const double MinLeaning = 0.35;

    private const int MinLength = 4;

    private readonly Dictionary<string, int> _english;
    private readonly Dictionary<string, int> _german;
    private readonly double _englishTotal;
    private readonly double _germanTotal;
    private readonly double _vocabulary;

    public WordLanguages(IReadOnlySet<string> englishWords, IReadOnlySet<string> germanWords)
    {
        _english = Count(englishWords.Where(w => !germanWords.Contains(w)));
        _german = Count(germanWords.Where(w => !englishWords.Contains(w)));
        _englishTotal = _english.Values.Sum();
        _germanTotal = _german.Values.Sum();
        _vocabulary = _english.Keys.Union(_german.Keys).Count() + 1;
    }

    /// <summary>German when positive, English when negative, 0 when the word leans neither way.</summary>
    public int Lean(string word)
    {
        if (word.Length < MinLength || _englishTotal == 0 || _germanTotal == 0)
        {
            return 0;
        }

        var sum = 0.0;
        var count = 0;
        foreach (var triple in Triples(word))
        {
            // Add-one smoothing: a triple one language never has is unlikely there, not impossible.
            var german = (_german.GetValueOrDefault(triple) + 1) / (_germanTotal + _vocabulary);
            var english = (_english.GetValueOrDefault(triple) + 1) / (_englishTotal + _vocabulary);
            sum += Math.Log(german / english);
            count++;
        }

        var leaning = sum / count;
        return leaning >= MinLeaning ? 1 : leaning <= -MinLeaning ? -1 : 0;
    }

    private static Dictionary<string, int> Count(IEnumerable<string> words)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            foreach (var triple in Triples(word))
            {
                counts[triple] = counts.GetValueOrDefault(triple) + 1;
            }
        }

        return counts;
    }

    /// <summary>The word's letter triples, with its start and end marked so endings such as "-ung" count.</summary>
    private static IEnumerable<string> Triples(string word)
    {
        var marked = "^" + word + "$";
        for (var i = 0; i + 3 <= marked.Length; i++)
        {
            yield return marked.Substring(i, 3);
        }
    }
}
