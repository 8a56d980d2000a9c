using Microsoft.Extensions.Logging;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// One story of <see cref="KnowledgePackProvider"/>: its folder, the pack in service, and its own watch
/// and reloads, so an edit of one story reloads that story alone and an invalid edit keeps its last good
/// pack without touching the others.
/// </summary>
internal sealed partial class ServedPack : IDisposable
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly KnowledgePackStatus? _status;
    private readonly Action<KnowledgePack, KnowledgePack> _swapped;
    private readonly Lock _reloadGate = new();
    private KnowledgePack _current;
    private PackFolderWatcher? _watcher;
    private bool _disposed;

    /// <summary>Loads the story's pack; throws <see cref="KnowledgePackException"/> when it is invalid.</summary>
    /// <param name="swapped">Told of each swap (previous, next), outside the reload lock.</param>
    public ServedPack(ServedStory story, TimeProvider time, ILogger logger, KnowledgePackStatus? status, Action<KnowledgePack, KnowledgePack> swapped)
    {
        Story = story.Id;
        PackPath = story.Folder;
        _time = time;
        _logger = logger;
        _status = status;
        _swapped = swapped;
        _current = KnowledgePackLoader.Load(PackPath);
        _status?.Serving(Story, _current);
        Log.Loaded(_logger, PackPath, _current);
    }

    public string Story { get; }

    public string PackPath { get; }

    public KnowledgePack Current => Volatile.Read(ref _current);

    public bool IsWatching => _watcher is not null;

    /// <summary>
    /// Starts reloading on edits. When the folder cannot be watched (e.g. the system's limit of inotify
    /// instances is reached) the story is still served: reloading is a convenience, so this is logged as a
    /// warning rather than failing the start.
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
                _status?.EditRefused(Story, _time.GetUtcNow());
                Log.ReloadRejected(_logger, PackPath, previous.Version, new KnowledgePackException(PackPath, result.Errors).Message);
                return false;
            }

            // The commands are registered at start (the registry, Discord's list): a pack whose topics define
            // others could not be served as it says, so it waits for a restart.
            if (TopicCommands(result.Pack) != TopicCommands(previous))
            {
                _status?.EditRefused(Story, _time.GetUtcNow());
                Log.CommandsChanged(_logger, PackPath, previous.Version, TopicCommands(previous), TopicCommands(result.Pack));
                return false;
            }

            if (result.Pack.Version == previous.Version)
            {
                // Valid again as it was (an invalid edit undone): nothing to swap, nothing refused.
                _status?.Serving(Story, previous);
                return false;
            }

            next = result.Pack;
            Volatile.Write(ref _current, next);
            _status?.Serving(Story, next);
        }

        Log.Reloaded(_logger, PackPath, previous.Version, next);
        _swapped(previous, next);
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
            _status?.EditRefused(Story, _time.GetUtcNow());
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
    }
}
