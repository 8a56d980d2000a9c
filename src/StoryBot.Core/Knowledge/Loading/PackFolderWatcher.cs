using Microsoft.Extensions.Logging;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>Watches a pack folder (sub-folders included) and calls back once edits have settled.</summary>
internal sealed class PackFolderWatcher : IDisposable
{
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(300);

    private readonly FileSystemWatcher _watcher;
    private readonly DebouncedSignal _settled;
    private readonly ILogger _logger;

    public PackFolderWatcher(string folder, TimeProvider time, Action onSettled, ILogger logger)
    {
        _logger = logger;
        _settled = new DebouncedSignal(time, QuietPeriod, onSettled);
        _watcher = new FileSystemWatcher(folder)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += OnChanged;
        _watcher.Created += OnChanged;
        _watcher.Deleted += OnChanged;
        _watcher.Renamed += OnChanged;
        _watcher.Error += OnError;
        try
        {
            _watcher.EnableRaisingEvents = true;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _settled.Dispose();
    }

    private void OnChanged(object sender, FileSystemEventArgs e) => _settled.Poke();

    // Events were lost (buffer overflow): a reload is the safe answer, it is a no-op when nothing changed.
    private void OnError(object sender, ErrorEventArgs e)
    {
        _logger.LogWarning(e.GetException(), "Watching the knowledge pack folder reported an error; reloading to be safe");
        _settled.Poke();
    }
}
