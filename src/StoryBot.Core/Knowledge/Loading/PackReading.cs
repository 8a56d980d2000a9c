namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// State shared by the readers during one load: the files, the errors, the ids defined so far, and
/// references to check once every file has been read (a fact may cite an entity defined later).
/// </summary>
internal sealed class PackReading
{
    private readonly List<(IdIndex Target, Located<string> Reference, string What, string Role, PackFile File)> _references = [];
    private (YamlMap Map, string Why)? _firstSkipped;

    public PackReading(PackFiles files) => Files = files;

    public PackFiles Files { get; }

    public PackErrors Errors { get; } = new();

    public IdIndex SourceIds { get; } = new("source");

    public IdIndex ExcerptIds { get; } = new("excerpt");

    public IdIndex EntityIds { get; } = new("entity");

    public IdIndex FactIds { get; } = new("fact");

    public IdIndex TimelineIds { get; } = new("timeline");

    /// <summary>Each fact's <c>supersedes</c>, checked against the sources' times once all files are read.</summary>
    public List<Supersession> Supersessions { get; } = [];

    public void Refer(IdIndex target, Located<string> reference, string what, string role, PackFile file) =>
        _references.Add((target, reference, what, role, file));

    public void Refer(IdIndex target, IEnumerable<Located<string>> references, string what, string role, PackFile file)
    {
        foreach (var reference in references)
        {
            Refer(target, reference, what, role, file);
        }
    }

    /// <summary>An entry left out of the pack; some error says why, or <see cref="Finish"/> reports it.</summary>
    public void Skipped(YamlMap map, string why = "it does not read as its schema describes") => _firstSkipped ??= (map, why);

    /// <summary>Checks the references once every file has been read, and that no entry was left out unexplained.</summary>
    public void Finish()
    {
        foreach (var (target, reference, what, role, file) in _references)
        {
            target.Require(reference, what, role, file, Errors);
        }

        // The schema reports a value of the wrong shape and the readers skip it; should the two ever
        // disagree, the pack must fail rather than be served without the entry.
        if (Errors.Count == 0 && _firstSkipped is var (map, why))
        {
            Errors.Add(map.File, map.Start, $"{map.What} cannot be read: {why}");
        }
    }
}
