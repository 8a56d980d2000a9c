namespace StoryBot.Core.Knowledge;

/// <summary>A validated, immutable knowledge pack: every citation id resolves to an excerpt.</summary>
/// <remarks>Eight constructor parameters on purpose: they are the parts of the pack as loaded and validated, values rather than services, and a pack is whole only with all of them.</remarks>
public sealed class KnowledgePack
{
    private readonly Dictionary<string, Excerpt> _excerptsById;
    private readonly Dictionary<string, Entity> _entitiesById;
    private readonly Dictionary<string, SourceDocument> _sourcesById;
    private readonly Dictionary<string, Fact> _factsById;
    private readonly ILookup<string, Fact> _supersededBy;

    public KnowledgePack(
        StoryProfile story,
        IReadOnlyList<SourceDocument> sources,
        IReadOnlyList<Excerpt> excerpts,
        IReadOnlyList<Entity> entities,
        IReadOnlyList<Fact> facts,
        IReadOnlyList<TimelineEntry> timeline,
        StorySummary summary,
        string version)
    {
        Story = story;
        Sources = sources;
        Excerpts = excerpts;
        Entities = entities;
        Facts = facts;
        Timeline = timeline;
        Summary = summary;
        Version = version;
        _excerptsById = excerpts.ToDictionary(e => e.Id, StringComparer.Ordinal);
        _entitiesById = entities.ToDictionary(e => e.Id, StringComparer.Ordinal);
        _sourcesById = sources.ToDictionary(s => s.Id, StringComparer.Ordinal);
        _factsById = facts.ToDictionary(f => f.Id, StringComparer.Ordinal);
        _supersededBy = facts.SelectMany(f => f.Supersedes.Select(old => (Old: old, New: f))).ToLookup(p => p.Old, p => p.New, StringComparer.Ordinal);
    }

    /// <summary>What the bot says about the story: its title, help, greeting and topic names.</summary>
    public StoryProfile Story { get; }

    public IReadOnlyList<SourceDocument> Sources { get; }
    public IReadOnlyList<Excerpt> Excerpts { get; }
    public IReadOnlyList<Entity> Entities { get; }
    public IReadOnlyList<Fact> Facts { get; }
    public IReadOnlyList<TimelineEntry> Timeline { get; }
    public StorySummary Summary { get; }

    /// <summary>A digest of the pack's content; changes whenever any curated text changes.</summary>
    public string Version { get; }

    public Excerpt Excerpt(string id) => _excerptsById[id];

    public bool TryGetExcerpt(string id, out Excerpt excerpt) => _excerptsById.TryGetValue(id, out excerpt!);

    public Entity? FindEntity(string id) => _entitiesById.GetValueOrDefault(id);

    public SourceDocument Source(string id) => _sourcesById[id];

    public Fact? FindFact(string id) => _factsById.GetValueOrDefault(id);

    /// <summary>The facts of newer sources that correct the fact <paramref name="factId"/>; empty for most.</summary>
    public IEnumerable<Fact> SupersededBy(string factId) => _supersededBy[factId];

    /// <summary>Whether any fact corrects another: a pack of one report answers without looking.</summary>
    public bool HasSupersessions => _supersededBy.Count > 0;

    /// <summary>The source that reports a fact: that of its first, most telling citation.</summary>
    public SourceDocument ReportOf(Fact fact) => Source(Excerpt(fact.Citations[0]).SourceId);
}
