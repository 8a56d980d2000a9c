using Microsoft.Extensions.Primitives;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// Tells parts that derive data from the pack (search indexes, summaries) that a reload swapped it.
/// Use <c>ChangeToken.OnChange(changes.GetChangeToken, ...)</c> or the <see cref="PackSwapped"/> event;
/// either fires after <see cref="IKnowledgeProvider.Current"/> already returns the new pack.
/// </summary>
public interface IKnowledgePackChanges
{
    IChangeToken GetChangeToken();

    event EventHandler<KnowledgePackSwappedEventArgs>? PackSwapped;
}

public sealed class KnowledgePackSwappedEventArgs(KnowledgePack previous, KnowledgePack current) : EventArgs
{
    public KnowledgePack Previous { get; } = previous;

    public KnowledgePack Current { get; } = current;
}
