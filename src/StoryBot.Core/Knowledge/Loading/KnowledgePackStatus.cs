namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// The pack in service as readiness sees it: none until the first load is done, then its version
/// and whether the folder's latest edit was refused. <see cref="KnowledgePackProvider"/> publishes
/// it; reading it loads nothing, so a probe can ask while the pack is still loading.
/// </summary>
public sealed class KnowledgePackStatus
{
    private volatile KnowledgePackInService? _current;

    /// <summary>Null until a pack has been loaded.</summary>
    public KnowledgePackInService? Current => _current;

    internal void Serving(KnowledgePack pack) =>
        _current = new KnowledgePackInService(pack.Story.Id, pack.Version, pack.Excerpts.Count, RefusedEditAt: null);

    internal void EditRefused(DateTimeOffset at)
    {
        if (_current is { } serving)
        {
            _current = serving with { RefusedEditAt = at };
        }
    }
}

/// <param name="RefusedEditAt">When the folder was last edited into a pack that did not load; null once it loads again.</param>
public sealed record KnowledgePackInService(string Story, string Version, int Excerpts, DateTimeOffset? RefusedEditAt);
