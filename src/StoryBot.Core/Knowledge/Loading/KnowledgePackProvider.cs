using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// Serves the pack loaded from <see cref="KnowledgeOptions.Path"/>. Constructing it loads the pack and throws
/// <see cref="KnowledgePackException"/> when the pack is invalid, so the host cannot start with a bad pack.
/// While watching, an edited pack is reloaded and swapped in; an invalid edit is logged and the last good
/// pack stays in service.
/// </summary>
public sealed partial class KnowledgePackProvider : IKnowledgeProvider, IKnowledgePackChanges, IDisposable
{
    private readonly TimeProvider _time;
    private readonly ILogger<KnowledgePackProvider> _logger;
    private readonly KnowledgePackStatus? _status;
    private readonly Lock _reloadGate = new();
    private KnowledgePack _current;
    private CancellationTokenSource _changeSource = new();
    private PackFolderWatcher? _watcher;
    private bool _disposed;

    public KnowledgePackProvider(
        IOptions<KnowledgeOptions> options,
        TimeProvider time,
        ILogger<KnowledgePackProvider> logger,
        IHostEnvironment? environment = null,
        KnowledgePackStatus? status = null)
    {
        _time = time;
        _logger = logger;
        _status = status;
        PackPath = KnowledgePackLocation.Resolve(options.Value, environment?.ContentRootPath, out var problem)
            ?? throw new KnowledgePackException(problem!);
        _current = KnowledgePackLoader.Load(PackPath);
        _status?.Serving(_current);
        Log.Loaded(_logger, PackPath, _current);
    }

    public event EventHandler<KnowledgePackSwappedEventArgs>? PackSwapped;

    public KnowledgePack Current => Volatile.Read(ref _current);

    /// <summary>The story folder the pack is loaded from.</summary>
    public string PackPath { get; }

    public bool IsWatching => _watcher is not null;

    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changeSource).Token);

    /// <summary>
    /// Starts reloading on edits. Called by the host at start when Knowledge:Reload is on. When the folder
    /// cannot be watched (e.g. the system's limit of inotify instances is reached) the bot still serves the
    /// loaded pack: reloading is a convenience, so this is logged as a warning rather than failing the start.
    /// </summary>
    public void StartWatching()
    {
        lock (_reloadGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                _watcher ??= new PackFolderWatcher(PackPath, _time, ReloadFromWatcher, _logger);
            }
            catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
            {
                Log.CannotWatch(_logger, PackPath, e);
            }
        }
    }

    public void StopWatching()
    {
        lock (_reloadGate)
        {
            _watcher?.Dispose();
            _watcher = null;
        }
    }

    /// <summary>Loads the folder again and swaps the pack in when it is valid and different. Returns whether it swapped.</summary>
    public bool Reload()
    {
        KnowledgePack previous;
        KnowledgePack next;
        lock (_reloadGate)
        {
            if (_disposed)
            {
                return false;
            }

            var result = KnowledgePackLoader.TryLoad(PackPath);
            previous = _current;
            if (result.Pack is null)
            {
                _status?.EditRefused(_time.GetUtcNow());
                Log.ReloadRejected(_logger, PackPath, previous.Version, new KnowledgePackException(PackPath, result.Errors).Message);
                return false;
            }

            // The commands are registered at start (the registry, Discord's list): a pack whose topics define
            // others could not be served as it says, so it waits for a restart.
            if (TopicCommands(result.Pack) != TopicCommands(previous))
            {
                _status?.EditRefused(_time.GetUtcNow());
                Log.CommandsChanged(_logger, PackPath, previous.Version, TopicCommands(previous), TopicCommands(result.Pack));
                return false;
            }

            if (result.Pack.Version == previous.Version)
            {
                // Valid again as it was (an invalid edit undone): nothing to swap, nothing refused.
                _status?.Serving(previous);
                return false;
            }

            next = result.Pack;
            Volatile.Write(ref _current, next);
            _status?.Serving(next);
        }

        Log.Reloaded(_logger, PackPath, previous.Version, next);
        Announce(previous, next);
        return true;
    }

    private static string TopicCommands(KnowledgePack pack) =>
        string.Join(", ", pack.Story.Topics.Where(t => t.Command is not null).Select(t => $"/{t.Command!.CommandName} ({t.Id})"));

    // Runs on a timer thread: an exception escaping here would end the process, so it is logged instead.
    private void ReloadFromWatcher()
    {
        try
        {
            Reload();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _status?.EditRefused(_time.GetUtcNow());
            Log.ReloadFailed(_logger, PackPath, e);
        }
    }

    public void Dispose()
    {
        lock (_reloadGate)
        {
            _disposed = true;
            _watcher?.Dispose();
            _watcher = null;
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
                Log.ListenerFailed(_logger, e);
            }
        }
    }

    private static partial class Log
    {
        public static void Loaded(ILogger logger, string path, KnowledgePack pack) => LoadedMessage(
            logger, path, pack.Sources.Count, pack.Excerpts.Count, pack.Entities.Count, pack.Facts.Count, pack.Version);

        public static void Reloaded(ILogger logger, string path, string previousVersion, KnowledgePack pack) => ReloadedMessage(
            logger, path, previousVersion, pack.Version, pack.Excerpts.Count, pack.Entities.Count, pack.Facts.Count);

        [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge pack loaded from {Path}: {Sources} sources, {Excerpts} excerpts, {Entities} entities, {Facts} facts (version {Version})")]
        private static partial void LoadedMessage(ILogger logger, string path, int sources, int excerpts, int entities, int facts, string version);

        [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge pack at {Path} reloaded: version {PreviousVersion} replaced by {Version} ({Excerpts} excerpts, {Entities} entities, {Facts} facts)")]
        private static partial void ReloadedMessage(ILogger logger, string path, string previousVersion, string version, int excerpts, int entities, int facts);

        [LoggerMessage(Level = LogLevel.Error, Message = "Knowledge pack at {Path} was edited but is invalid; version {Version} stays in service. {Errors}")]
        public static partial void ReloadRejected(ILogger logger, string path, string version, string errors);

        [LoggerMessage(Level = LogLevel.Error, Message = "Knowledge pack at {Path} was edited to change its topics' commands from {Commands} to {EditedCommands}; commands are registered at start, so version {Version} stays in service until a restart")]
        public static partial void CommandsChanged(ILogger logger, string path, string version, string commands, string editedCommands);

        [LoggerMessage(Level = LogLevel.Error, Message = "Reloading the knowledge pack at {Path} failed; the pack in service stays")]
        public static partial void ReloadFailed(ILogger logger, string path, Exception exception);

        [LoggerMessage(Level = LogLevel.Warning, Message = "The knowledge pack folder {Path} cannot be watched; edits are not reloaded until restart")]
        public static partial void CannotWatch(ILogger logger, string path, Exception exception);

        [LoggerMessage(Level = LogLevel.Error, Message = "A listener to knowledge pack swaps failed")]
        public static partial void ListenerFailed(ILogger logger, Exception exception);
    }
}
