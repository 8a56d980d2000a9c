using System.Text.RegularExpressions;
using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Retrieval;

/// <summary>
/// An inverted index over the pack's passages, keyed by the forms <see cref="TermForms"/>
/// produces. Built once per pack version; immutable and safe to share between threads.
/// </summary>
internal sealed partial class PassageIndex
{
    private readonly Dictionary<string, int[]> _postings;
    private readonly Dictionary<int, List<string>> _surfaceByLength;

    private PassageIndex(
        KnowledgePack pack,
        List<Passage> passages,
        Dictionary<string, int[]> postings,
        HashSet<string> englishWords,
        HashSet<string> germanWords)
    {
        Pack = pack;
        Passages = passages;
        _postings = postings;
        EnglishWords = englishWords;
        GermanWords = germanWords;
        _surfaceByLength = postings.Keys
            .Where(k => !k.Contains(':', StringComparison.Ordinal))
            .GroupBy(k => k.Length)
            .ToDictionary(g => g.Key, g => g.ToList());
    }

    public KnowledgePack Pack { get; }
    public IReadOnlyList<Passage> Passages { get; }

    /// <summary>Surface words the pack uses in its English texts.</summary>
    public IReadOnlySet<string> EnglishWords { get; }

    /// <summary>Surface words the pack uses in its German texts.</summary>
    public IReadOnlySet<string> GermanWords { get; }

    public static PassageIndex Build(KnowledgePack pack)
    {
        var passages = PassagesOf(pack);
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var english = new HashSet<string>(StringComparer.Ordinal);
        var german = new HashSet<string>(StringComparer.Ordinal);

        foreach (var passage in passages)
        {
            var (en, de) = TextsOf(pack, passage);
            var forms = new HashSet<string>(StringComparer.Ordinal);
            foreach (var surface in StoryAnalyzers.Terms(StoryAnalyzers.Surface, en))
            {
                forms.Add(surface);
                english.Add(surface);
            }

            foreach (var surface in StoryAnalyzers.Terms(StoryAnalyzers.Surface, de))
            {
                forms.Add(surface);
                german.Add(surface);
            }

            foreach (var stem in StoryAnalyzers.Terms(StoryAnalyzers.English, en))
            {
                forms.Add("en:" + stem);
            }

            foreach (var stem in StoryAnalyzers.Terms(StoryAnalyzers.German, de))
            {
                forms.Add("de:" + stem);
            }

            foreach (var form in forms)
            {
                if (!postings.TryGetValue(form, out var list))
                {
                    postings[form] = list = [];
                }

                list.Add(passage.Index);
            }

            passage.Breadth = forms.Count;
        }

        return new PassageIndex(
            pack,
            passages,
            postings.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal),
            english,
            german);
    }

    public bool Contains(string form) => _postings.ContainsKey(form);

    public ReadOnlySpan<int> PostingsOf(string form) =>
        _postings.TryGetValue(form, out var list) ? list : ReadOnlySpan<int>.Empty;

    /// <summary>Surface words of the pack within <paramref name="maxEdits"/> of <paramref name="word"/>.</summary>
    public IEnumerable<string> NearWords(string word, int maxEdits)
    {
        for (var length = word.Length - maxEdits; length <= word.Length + maxEdits; length++)
        {
            if (!_surfaceByLength.TryGetValue(length, out var words))
            {
                continue;
            }

            foreach (var candidate in words)
            {
                if (EditDistance.IsWithin(word, candidate, maxEdits))
                {
                    yield return candidate;
                }
            }
        }
    }

    private static List<Passage> PassagesOf(KnowledgePack pack)
    {
        var passages = new List<Passage>();
        foreach (var fact in pack.Facts)
        {
            passages.Add(new Passage
            {
                Index = passages.Count,
                Kind = PassageKind.Fact,
                Key = fact.Id,
                Text = fact.Statement,
                Citations = fact.Citations,
                Attribution = fact.Attribution,
                Entities = fact.Entities,
                Topic = fact.Topic,
                HasAmount = HasAmount(fact.Statement),
                HasTime = HasTime(fact.Statement),
            });
        }

        foreach (var entity in pack.Entities)
        {
            passages.Add(new Passage
            {
                Index = passages.Count,
                Kind = PassageKind.Entity,
                Key = entity.Id,
                Text = entity.Role,
                Citations = entity.Citations,
                EntityKind = entity.Kind,
                Entities = [entity.Id],
                HasAmount = HasAmount(entity.Role),
                HasTime = HasTime(entity.Role),
            });
        }

        foreach (var entry in pack.Timeline)
        {
            passages.Add(new Passage
            {
                Index = passages.Count,
                Kind = PassageKind.Timeline,
                Key = entry.Id,
                Text = new LocalizedText($"{entry.Day.En}: {entry.Event.En}", $"{entry.Day.De}: {entry.Event.De}"),
                Citations = entry.Citations,
                Topic = Knowledge.Topic.Timeline,
                HasAmount = HasAmount(entry.Event),
                HasTime = true,
            });
        }

        passages.Add(new Passage
        {
            Index = passages.Count,
            Kind = PassageKind.Summary,
            Key = "summary",
            Text = pack.Summary.Text,
            Citations = pack.Summary.Citations,
        });

        return passages;
    }

    /// <summary>
    /// The words a passage is found by: its curated statement, the names of what it is about,
    /// and the quotes it cites with their renderings.
    /// </summary>
    private static (string En, string De) TextsOf(KnowledgePack pack, Passage passage)
    {
        var en = new List<string> { passage.Text.En };
        var de = new List<string> { passage.Text.De };

        foreach (var id in passage.Entities)
        {
            if (pack.FindEntity(id) is { } entity)
            {
                var names = string.Join(' ', entity.Aliases.Prepend(entity.Name));
                en.Add(names);
                de.Add(names);
            }
        }

        if (passage.Attribution?.By is { } by && pack.FindEntity(by) is { } speaker)
        {
            en.Add(speaker.Name);
            de.Add(speaker.Name);
        }

        if (passage.Kind != PassageKind.Entity)
        {
            foreach (var id in passage.Citations)
            {
                if (pack.TryGetExcerpt(id, out var excerpt))
                {
                    en.Add(excerpt.Translation);
                    de.Add(excerpt.Quote);
                }
            }
        }

        return (string.Join('\n', en), string.Join('\n', de));
    }

    private static bool HasAmount(LocalizedText text) => AmountPattern().IsMatch(text.En) || AmountPattern().IsMatch(text.De);

    private static bool HasTime(LocalizedText text) => TimePattern().IsMatch(text.En) || TimePattern().IsMatch(text.De);

    [GeneratedRegex(@"\d")]
    private static partial Regex AmountPattern();

    [GeneratedRegex(@"\b(Monday|Tuesday|Wednesday|Thursday|Friday|last year|this year|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|letztes Jahr|letzten Jahr|diesem Jahr|dieses Jahr)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TimePattern();
}
