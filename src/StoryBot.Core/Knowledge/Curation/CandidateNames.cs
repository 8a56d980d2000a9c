using System.Text.RegularExpressions;

namespace StoryBot.Core.Knowledge.Curation;

/// <summary>A name the article may be about, with the excerpts that mention it.</summary>
public sealed record CandidateName(string Name, IReadOnlyList<string> ExcerptIds);

/// <summary>
/// Names worth a look as entities: words written like names rather than like German nouns (inner
/// capitals or all capitals: "OpenAI", "DOGE") and runs of two or more capitalised words inside a
/// sentence ("Sam Altman", "Weißen Haus"). German capitalises every noun, so single capitalised
/// words are left out; a curator adds what the list misses and deletes what it should not hold.
/// </summary>
public static partial class CandidateNames
{
    private const int MaxCandidates = 40;

    private static readonly HashSet<string> Determiners = new(StringComparer.OrdinalIgnoreCase)
    {
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "the", "a", "an", "this", "that",
        "sein", "seine", "seinen", "ihr", "ihre", "ihren", "his", "her", "its", "their", "dieser", "diese", "dieses", "im", "am", "vom", "zum", "zur",
    };

    public static IReadOnlyList<CandidateName> Find(IReadOnlyList<DraftExcerpt> excerpts)
    {
        ArgumentNullException.ThrowIfNull(excerpts);
        var found = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var excerpt in excerpts)
        {
            foreach (var name in NamesIn(excerpt.Sentence.Text).Distinct(StringComparer.Ordinal))
            {
                if (!found.TryGetValue(name, out var ids))
                {
                    found[name] = ids = [];
                }

                ids.Add(excerpt.Id);
            }
        }

        return [.. found
            .OrderByDescending(f => f.Value.Count)
            .ThenBy(f => f.Key, StringComparer.Ordinal)
            .Take(MaxCandidates)
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new CandidateName(f.Key, f.Value))];
    }

    private static IEnumerable<string> NamesIn(string sentence)
    {
        var run = new List<string>();
        var previousEnd = 0;
        foreach (Match match in Word().Matches(sentence))
        {
            var word = match.Value;
            var gap = sentence[previousEnd..match.Index];
            previousEnd = match.Index + match.Length;
            if (LooksLikeAName(word))
            {
                yield return word;
            }

            // A name does not run across punctuation ("Abilene, Texas" is two), and the first word
            // of a sentence or a quotation is capitalised whatever it is.
            if (gap.Any(c => !char.IsWhiteSpace(c)))
            {
                foreach (var name in Runs(run))
                {
                    yield return name;
                }

                run.Clear();
            }

            var opensSentence = match.Index == 0 || gap.Any(c => c is '.' or '!' or '?' or '„' or '“' or '"' or '»' or ':');
            if (!opensSentence && char.IsUpper(word[0]) && !Determiners.Contains(word))
            {
                run.Add(word);
                continue;
            }

            foreach (var name in Runs(run))
            {
                yield return name;
            }

            run.Clear();
        }

        foreach (var name in Runs(run))
        {
            yield return name;
        }
    }

    /// <summary>A run of capitalised words, and its last two when it is longer: a title or a noun often precedes a name ("Präsident Donald Trump").</summary>
    private static IEnumerable<string> Runs(List<string> run)
    {
        if (run.Count >= 2)
        {
            yield return string.Join(' ', run);
        }

        if (run.Count >= 3)
        {
            yield return string.Join(' ', run.TakeLast(2));
        }
    }

    private static bool LooksLikeAName(string word) =>
        word.Length >= 2
        && word.Any(char.IsLetter)
        && (word.Skip(1).Any(char.IsUpper) || (word.All(c => !char.IsLetter(c) || char.IsUpper(c)) && word.Count(char.IsLetter) >= 2))
        && !word.Contains('-', StringComparison.Ordinal);

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}\-]*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
