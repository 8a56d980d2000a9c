namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// State shared by the readers during one load: the files, the errors, the ids defined so far, and
/// references to check once every file has been read (a fact may cite an entity defined later).
/// </summary>
internal sealed class PackReading
{
    private readonly List<(IdIndex Target, Located<string> Reference, string What, string Role, PackFile File)> _references = [];

    public PackReading(PackFiles files) => Files = files;

    public PackFiles Files { get; }

    public PackErrors Errors { get; } = new();

    public IdIndex SourceIds { get; } = new("source");

    public IdIndex ExcerptIds { get; } = new("excerpt");

    public IdIndex EntityIds { get; } = new("entity");

    public IdIndex FactIds { get; } = new("fact");

    public IdIndex TimelineIds { get; } = new("timeline");

    public void Refer(IdIndex target, Located<string> reference, string what, string role, PackFile file) =>
        _references.Add((target, reference, what, role, file));

    public void Refer(IdIndex target, IEnumerable<Located<string>> references, string what, string role, PackFile file)
    {
        foreach (var reference in references)
        {
            Refer(target, reference, what, role, file);
        }
    }

    public void CheckReferences()
    {
        foreach (var (target, reference, what, role, file) in _references)
        {
            target.Require(reference, what, role, file, Errors);
        }
    }
}
