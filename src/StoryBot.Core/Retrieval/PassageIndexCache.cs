using System.Collections.Concurrent;
using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Retrieval;

/// <summary>
/// Keeps the index of each story's pack in service; a reloaded pack gets a fresh index on first use.
/// Kept per story so that a host serving several does not rebuild an index each time the story changes.
/// </summary>
internal sealed class PassageIndexCache(IKnowledgeProvider provider)
{
    private readonly ConcurrentDictionary<string, PassageIndex> _byStory = new(StringComparer.Ordinal);

    /// <summary>The index of the pack <see cref="IKnowledgeProvider.Current"/> serves.</summary>
    public PassageIndex Current => For(provider.Current);

    public PassageIndex For(KnowledgePack pack)
    {
        if (!_byStory.TryGetValue(pack.Story.Id, out var index) || !ReferenceEquals(index.Pack, pack))
        {
            // Two readers may build at once after a reload; both results are equal.
            index = PassageIndex.Build(pack);
            _byStory[pack.Story.Id] = index;
        }

        return index;
    }
}
