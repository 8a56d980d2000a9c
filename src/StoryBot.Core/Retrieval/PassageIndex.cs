using System.Text.RegularExpressions;
using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Retrieval;

/// <summary>
/// The pack made searchable. Each excerpt is indexed with everything curation says about it
/// (its quote and rendering, the statements and names of the facts, timeline entries and
/// entities that cite it), so a paraphrased question finds the quote that answers it.
/// Built once per pack version; immutable and safe to share between threads.
/// </summary>
internal sealed partial class PassageIndex
{
    private readonly Dictionary<string, Posting[]> _excerptPostings;
    private readonly Dictionary<string, int[]> _passagePostings;
    private readonly Dictionary<string, string[]> _entitiesByNameForm;
    private readonly Dictionary<int, List<string>> _surfaceByLength;
    private readonly Dictionary<string, Passage[]> _passagesCiting;
    private readonly Lazy<Dictionary<string, EntityName[]>> _entityNamesByFirstWord;

    private PassageIndex(KnowledgePack pack, List<Passage> passages, Builder builder)
    {
        Pack = pack;
        Passages = passages;
        Excerpts = builder.Excerpts;
        _excerptPostings = builder.ExcerptPostings.ToDictionary(
            p => p.Key, p => p.Value.Select(e => new Posting(e.Key, e.Value)).ToArray(), StringComparer.Ordinal);
        _passagePostings = builder.PassagePostings.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _entitiesByNameForm = builder.NameForms.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        EnglishWords = builder.English;
        GermanWords = builder.German;
        WordLanguages = new WordLanguages(EnglishWords, GermanWords);
        Synonyms = new StorySynonyms(pack.Story.Synonyms);
        _surfaceByLength = builder.ExcerptPostings.Keys.Concat(builder.PassagePostings.Keys)
            .Where(k => !k.Contains(':', StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .GroupBy(k => k.Length)
            .ToDictionary(g => g.Key, g => g.ToList());
        _passagesCiting = passages
            .Where(p => p.Kind != PassageKind.Summary)
            .SelectMany(p => p.Citations.Distinct(StringComparer.Ordinal).Select(id => (Id: id, Passage: p)))
            .GroupBy(c => c.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(c => c.Passage).ToArray(), StringComparer.Ordinal);

        // Only "how much" questions read it: worked out at the first, not at every load of the pack.
        _entityNamesByFirstWord = new(() => pack.Entities
            .SelectMany(e => e.Aliases.Prepend(e.Name).Select(name => new EntityName(e.Id, QuestionAnalyzer.Words(name))))
            .Where(name => name.Words.Count > 0)
            .GroupBy(name => name.Words[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal));
    }

    public KnowledgePack Pack { get; }

    /// <summary>Facts, entities, timeline entries and the summary: the statements answers are made of.</summary>
    public IReadOnlyList<Passage> Passages { get; }

    public IReadOnlyList<ExcerptProfile> Excerpts { get; }

    /// <summary>Every name and alias of every entity, in words as a question's are read, by their first word.</summary>
    public IReadOnlyDictionary<string, EntityName[]> EntityNamesByFirstWord => _entityNamesByFirstWord.Value;

    /// <summary>Surface words the pack uses in its English texts.</summary>
    public IReadOnlySet<string> EnglishWords { get; }

    /// <summary>Surface words the pack uses in its German texts.</summary>
    public IReadOnlySet<string> GermanWords { get; }

    /// <summary>Which language a word the pack does not use looks like.</summary>
    public WordLanguages WordLanguages { get; }

    /// <summary>The words a reader may use for the story's concepts (story.yaml's <c>synonyms</c>).</summary>
    public StorySynonyms Synonyms { get; }

    public static PassageIndex Build(KnowledgePack pack)
    {
        var passages = PassagesOf(pack);
        var builder = new Builder(pack);
        foreach (var passage in passages)
        {
            builder.Add(passage);
        }

        return new PassageIndex(pack, passages, builder);
    }

    public bool Contains(string form) => _excerptPostings.ContainsKey(form) || _passagePostings.ContainsKey(form);

    /// <summary>Excerpts the form is found with, each with how closely (0 to 1) it belongs to the excerpt.</summary>
    public ReadOnlySpan<Posting> ExcerptPostingsOf(string form) =>
        _excerptPostings.TryGetValue(form, out var list) ? list : ReadOnlySpan<Posting>.Empty;

    /// <summary>Passages whose own statement or names hold the form.</summary>
    public ReadOnlySpan<int> PassagePostingsOf(string form) =>
        _passagePostings.TryGetValue(form, out var list) ? list : ReadOnlySpan<int>.Empty;

    /// <summary>The passages other than the summary that cite the excerpt, in index order.</summary>
    public IReadOnlyList<Passage> PassagesCiting(string excerptId) =>
        _passagesCiting.TryGetValue(excerptId, out var passages) ? passages : [];

    /// <summary>Entities one of whose names has the form.</summary>
    public IReadOnlyList<string> EntitiesNamedBy(string form) =>
        _entitiesByNameForm.TryGetValue(form, out var ids) ? ids : [];

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
                if (candidate.Length >= 5 && EditDistance.IsWithin(word, candidate, maxEdits))
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

    internal static bool HasAmount(string text) => AmountPattern().IsMatch(text);

    internal static bool HasTime(string text) => TimePattern().IsMatch(text);

    internal static bool GivesReason(string text) => ReasonPattern().IsMatch(text);

    /// <summary>German and English quotation marks, straight and typographic.</summary>
    internal static readonly char[] QuotationMarks = ['"', '„', '“', '”', '«', '»'];

    [GeneratedRegex(@"\d")]
    private static partial Regex AmountPattern();

    [GeneratedRegex(@"\b(Monday|Tuesday|Wednesday|Thursday|Friday|last year|this year|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|letztes Jahr|letzten Jahr|diesem Jahr|dieses Jahr)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TimePattern();

    // Causes, purposes and accusations, as the English and German texts word them: "because",
    // "accuses", "weil", "werfen ... vor", and the German purpose clause "um ... zu <verb>".
    [GeneratedRegex(@"\b(because|due to|in order to|so that|accus\w*|alleg\w*|reasons?|weil|denn|wegen|deshalb|daher|Grund|Gründe|vorwerfen|vorgeworfen|werfen\b[^.;:]{1,120}\bvor)\b|\bum\b[^.,;:–]{1,80}\bzu\s+\w+", RegexOptions.IgnoreCase)]
    private static partial Regex ReasonPattern();
}

/// <param name="Words">The name in words as a question's are read ("musk's company" is three).</param>
internal sealed record EntityName(string Entity, IReadOnlyList<string> Words);

/// <param name="Excerpt">Position of the excerpt in <see cref="PassageIndex.Excerpts"/>.</param>
/// <param name="Closeness">1 for the excerpt's own words, less for what citing passages say around it.</param>
internal readonly record struct Posting(int Excerpt, float Closeness);

/// <param name="HasTime">The excerpt, or a timeline entry citing it, places it in time.</param>
/// <param name="NamesTime">The excerpt's own words name the time.</param>
/// <param name="Speaker">The entity whose words or claim the excerpt is, when a fact says so.</param>
internal sealed record ExcerptProfile(int Index, Excerpt Excerpt, bool HasAmount, bool HasTime, bool NamesTime, string? Speaker)
{
    /// <summary>The excerpt, or a statement citing it, gives a cause, purpose or accusation: what "why" asks for.</summary>
    public bool GivesReason { get; set; }

    /// <summary>The excerpt quotes someone's own words, in quotation marks, rather than telling what they said.</summary>
    public bool QuotesWords { get; init; }

    /// <summary>Forms of the excerpt's quote, its rendering and the statements citing it; not the questions curators ask of it.</summary>
    public HashSet<string> Words { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The people and organisations the statements citing it are about: who can answer "who".
    /// Curated, not read from the words, which mistake "US-Dollar" for the US government.
    /// </summary>
    public HashSet<string> Actors { get; } = new(StringComparer.Ordinal);

    /// <summary>For each statement citing it that gives a figure, the entities that statement is about.</summary>
    public List<HashSet<string>> FiguresAbout { get; } = [];
}
