using Microsoft.Extensions.Logging;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// Watches a pack folder (sub-folders included) and calls back once edits have settled. A deploy or
/// a <c>git checkout</c> often replaces the folder rather than editing it (<c>rm -rf</c> and a copy,
/// or an <c>mv</c> swap); a watch on the old folder would then hear nothing more. So the parent
/// folder is watched too, and whenever the pack folder's name appears, goes or is renamed there, the
/// watch is set up again on whatever folder now has the name.
/// </summary>
internal sealed partial class PackFolderWatcher : IDisposable
{
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(300);

    private readonly string _folder;
    private readonly string _name;
    private readonly FileSystemWatcher _parent;
    private readonly DebouncedSignal _settled;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private FileSystemWatcher? _pack;
    private bool _disposed;

    public PackFolderWatcher(string folder, TimeProvider time, Action onSettled, ILogger logger)
    {
        _logger = logger;
        _folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        _name = Path.GetFileName(_folder);
        _settled = new DebouncedSignal(time, QuietPeriod, onSettled);
        _parent = Watcher(Path.GetDirectoryName(_folder) ?? _folder, subfolders: false, NotifyFilters.DirectoryName | NotifyFilters.FileName, OnParentChanged);
        try
        {
            _parent.EnableRaisingEvents = true;
            WatchPackFolder();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _pack?.Dispose();
            _pack = null;
        }

        _parent.Dispose();
        _settled.Dispose();
    }

    /// <summary>(Re)starts the watch on the folder that has the pack's name now, if there is one.</summary>
    private void WatchPackFolder()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _pack?.Dispose();
            _pack = null;
            if (!Directory.Exists(_folder))
            {
                // Between a deploy's delete and its copy: the parent's watch sees the folder come back.
                return;
            }

            var watcher = Watcher(_folder, subfolders: true, NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size, OnChanged);
            try
            {
                watcher.EnableRaisingEvents = true;
                _pack = watcher;
            }
            catch (Exception exception) when (exception is IOException or ArgumentException)
            {
                // Gone again already: the parent's watch will hear of its next appearance.
                watcher.Dispose();
                LogFolderVanished(_folder);
            }
        }
    }

    private FileSystemWatcher Watcher(string path, bool subfolders, NotifyFilters filter, FileSystemEventHandler onEvent)
    {
        var watcher = new FileSystemWatcher(path) { IncludeSubdirectories = subfolders, NotifyFilter = filter };
        watcher.Changed += onEvent;
        watcher.Created += onEvent;
        watcher.Deleted += onEvent;
        watcher.Renamed += (sender, e) => onEvent(sender, e);
        watcher.Error += OnError;
        return watcher;
    }

    private void OnChanged(object sender, FileSystemEventArgs e) => _settled.Poke();

    private void OnParentChanged(object sender, FileSystemEventArgs e)
    {
        if (!IsPackFolder(e.Name) && !(e is RenamedEventArgs renamed && IsPackFolder(renamed.OldName)))
        {
            return;
        }

        LogFolderReplaced(_folder, e.ChangeType);
        WatchPackFolder();
        _settled.Poke();
    }

    private bool IsPackFolder(string? name) => string.Equals(name, _name, StringComparison.Ordinal);

    // Events were lost (buffer overflow) or the watch broke: watch afresh and reload, which is a
    // no-op when nothing changed.
    private void OnError(object? sender, ErrorEventArgs e)
    {
        LogWatchError(e.GetException());
        WatchPackFolder();
        _settled.Poke();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching the knowledge pack folder reported an error; watching afresh and reloading to be safe")]
    private partial void LogWatchError(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The knowledge pack folder {Path} was {Change} as a whole; watching it afresh")]
    private partial void LogFolderReplaced(string path, WatcherChangeTypes change);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The knowledge pack folder {Path} went away while it was being watched again")]
    private partial void LogFolderVanished(string path);
}
