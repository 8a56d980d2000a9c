using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// Serves the packs of the stories configured (<see cref="KnowledgeOptions"/>, and <see cref="StoriesOptions"/>
/// for several): <see cref="Current"/> is the pack of the story the <see cref="StoryScope"/> names, else the
/// default story's. Constructing it loads every pack and throws <see cref="KnowledgePackException"/> when one
/// is invalid, so the host cannot start with a bad pack. While watching, an edited story is reloaded and
/// swapped in on its own; an invalid edit is logged and that story's last good pack stays in service.
/// </summary>
public sealed partial class KnowledgePackProvider : IKnowledgeProvider, IServedStories, IKnowledgePackChanges, IDisposable
{
    private readonly ILogger<KnowledgePackProvider> _logger;
    private readonly Dictionary<string, ServedPack> _byStory;
    private readonly ServedPack _default;
    private CancellationTokenSource _changeSource = new();

    public KnowledgePackProvider(
        IOptions<KnowledgeOptions> options,
        TimeProvider time,
        ILogger<KnowledgePackProvider> logger,
        IHostEnvironment? environment = null,
        KnowledgePackStatus? status = null,
        IOptions<StoriesOptions>? stories = null)
    {
        _logger = logger;
        var served = KnowledgePackLocation.ResolveStories(options.Value, stories?.Value, environment?.ContentRootPath, out var problem)
            ?? throw new KnowledgePackException(problem!);
        var packs = served.Select(story => new ServedPack(story, time, logger, status, Announce)).ToList();
        _byStory = packs.ToDictionary(pack => pack.Story, StringComparer.Ordinal);
        _default = packs[0];
        Stories = [.. packs.Select(pack => pack.Story)];
    }

    /// <summary>Fires for a swap of any story's pack; the arguments carry that story's packs.</summary>
    public event EventHandler<KnowledgePackSwappedEventArgs>? PackSwapped;

    public KnowledgePack Current =>
        (StoryScope.Current is { } story && _byStory.TryGetValue(story, out var scoped) ? scoped : _default).Current;

    public string DefaultStory => _default.Story;

    public IReadOnlyList<string> Stories { get; }

    public KnowledgePack? Find(string story) => _byStory.GetValueOrDefault(story)?.Current;

    /// <summary>The default story's folder.</summary>
    public string PackPath => _default.PackPath;

    public bool IsWatching => _default.IsWatching;

    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changeSource).Token);

    /// <summary>Starts reloading each story on its edits. Called by the host at start when Knowledge:Reload is on.</summary>
    public void StartWatching()
    {
        foreach (var pack in _byStory.Values)
        {
            pack.StartWatching();
        }
    }

    public void StopWatching()
    {
        foreach (var pack in _byStory.Values)
        {
            pack.StopWatching();
        }
    }

    /// <summary>Loads every story's folder again and swaps in those valid and different. Returns whether any swapped.</summary>
    public bool Reload()
    {
        var swapped = false;
        foreach (var pack in _byStory.Values)
        {
            swapped |= pack.Reload();
        }

        return swapped;
    }

    /// <summary>Loads the folder of <paramref name="story"/> again; false when nothing swapped or the story is not served.</summary>
    public bool Reload(string story) => _byStory.TryGetValue(story, out var pack) && pack.Reload();

    public void Dispose()
    {
        foreach (var pack in _byStory.Values)
        {
            pack.Dispose();
        }
    }

    private void Announce(KnowledgePack previous, KnowledgePack next)
    {
        Interlocked.Exchange(ref _changeSource, new CancellationTokenSource()).Cancel();
        var handlers = PackSwapped?.GetInvocationList() ?? [];
        foreach (var handler in handlers.Cast<EventHandler<KnowledgePackSwappedEventArgs>>())
        {
            // One failing listener must neither stop the others nor the reload machinery.
            try
            {
                handler(this, new KnowledgePackSwappedEventArgs(previous, next));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogListenerFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A listener to knowledge pack swaps failed")]
    private partial void LogListenerFailed(Exception exception);
}
