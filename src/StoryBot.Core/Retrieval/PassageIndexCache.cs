using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Retrieval;

/// <summary>Keeps the index of the pack in service; a reloaded pack gets a fresh index on first use.</summary>
internal sealed class PassageIndexCache(IKnowledgeProvider provider)
{
    private volatile PassageIndex? _index;

    public PassageIndex Current
    {
        get
        {
            var pack = provider.Current;
            var index = _index;
            if (index is null || !ReferenceEquals(index.Pack, pack))
            {
                // Two readers may build at once after a reload; both results are equal.
                index = PassageIndex.Build(pack);
                _index = index;
            }

            return index;
        }
    }
}
