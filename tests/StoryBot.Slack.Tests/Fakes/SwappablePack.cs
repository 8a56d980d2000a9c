using Microsoft.Extensions.Primitives;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;

namespace StoryBot.Slack.Tests.Fakes;

/// <summary>
/// The repository's pack, which a test can swap as a reload would: <see cref="Current"/> returns
/// the new pack before anyone is told.
/// </summary>
internal sealed class SwappablePack : IKnowledgeProvider, IKnowledgePackChanges
{
    private static readonly Lazy<KnowledgePack> Repository = new(() => KnowledgePackLoader.Load(RepositoryFiles.Story));

    private KnowledgePack _current = Repository.Value;

    public event EventHandler<KnowledgePackSwappedEventArgs>? PackSwapped;

    public KnowledgePack Current => Volatile.Read(ref _current);

    /// <summary>The repository's pack, loaded once for all tests.</summary>
    public static KnowledgePack RepositoryPack => Repository.Value;

    public IChangeToken GetChangeToken() => new CancellationChangeToken(CancellationToken.None);

    /// <summary>Swaps in the pack with its story retitled, and tells the listeners.</summary>
    public void Retitle(string english, string german)
    {
        var previous = Current;
        var title = new TextInLanguages(new Dictionary<string, string> { ["en"] = english, ["de"] = german });
        var next = new KnowledgePack(
            previous.Story with { Title = title },
            previous.Sources,
            previous.Excerpts,
            previous.Entities,
            previous.Facts,
            previous.Timeline,
            previous.Summary,
            previous.Version + "-retitled");
        Volatile.Write(ref _current, next);
        PackSwapped?.Invoke(this, new KnowledgePackSwappedEventArgs(previous, next));
    }
}
