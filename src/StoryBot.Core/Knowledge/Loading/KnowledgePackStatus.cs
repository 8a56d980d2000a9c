using System.Collections.Immutable;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// The packs in service as readiness sees them: none until the first load is done, then each story's
/// version and whether its folder's latest edit was refused. <see cref="KnowledgePackProvider"/> publishes
/// it; reading it loads nothing, so a probe can ask while the packs are still loading.
/// </summary>
public sealed class KnowledgePackStatus
{
    private readonly Lock _gate = new();
    private ImmutableList<KnowledgePackInService> _stories = [];

    /// <summary>The default story's pack (the first loaded); null until a pack has been loaded.</summary>
    public KnowledgePackInService? Current => _stories.IsEmpty ? null : _stories[0];

    /// <summary>Every story loaded so far, the default first.</summary>
    public IReadOnlyList<KnowledgePackInService> Stories => _stories;

    internal void Serving(string story, KnowledgePack pack) =>
        Set(story, _ => new KnowledgePackInService(story, pack.Version, pack.Excerpts.Count, RefusedEditAt: null));

    internal void EditRefused(string story, DateTimeOffset at) => Set(story, serving => serving is null ? null : serving with { RefusedEditAt = at });

    private void Set(string story, Func<KnowledgePackInService?, KnowledgePackInService?> change)
    {
        lock (_gate)
        {
            var index = _stories.FindIndex(s => s.Story == story);
            var next = change(index < 0 ? null : _stories[index]);
            if (next is not null)
            {
                _stories = index < 0 ? _stories.Add(next) : _stories.SetItem(index, next);
            }
        }
    }
}

/// <param name="RefusedEditAt">When the folder was last edited into a pack that did not load; null once it loads again.</param>
public sealed record KnowledgePackInService(string Story, string Version, int Excerpts, DateTimeOffset? RefusedEditAt);
