using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Core.DataFiles;

namespace StoryBot.State.Storage;

/// <summary>
/// The file, in the data directory, that holds the state writes waiting for the store, so that they
/// outlive the process: one JSON line per write when it starts to wait (flushed to disk before the
/// caller goes on), one line naming it once it has landed, and no file once nothing waits. Each
/// process has a file of its own (<c>pending-state-writes.&lt;id&gt;.jsonl</c>), locked while it
/// runs, so instances that share a data directory never write into one another's; at start, and
/// from time to time while it runs, a process takes over the files no running process holds (left
/// by a stop or a crash), a batch at a time (<see cref="TakeLeftOver"/>), and deletes those a crash
/// left empty. A line cut off by a crash is skipped with a warning; a file with a line
/// of a format version this build does not know (<see cref="Version"/>, written by a newer build) is
/// left whole, with a warning, for a build that knows it. New writes stop at
/// <see cref="StorageOptions.MaxSpillFileBytes"/>. The writes that wait on disk only (past
/// <see cref="StorageOptions.MaxDeferredWrites"/>) are read back from it in order
/// (<see cref="ReadBack"/>). Not thread-safe: <see cref="DeferredStateWrites"/> calls it under its
/// lock, so the file's order is the queue's, and takes over one file at a time.
/// </summary>
public sealed partial class StateWriteSpill : IDisposable
{
    /// <summary>How every spill file's name starts; what follows tells one process's from another's.</summary>
    public const string FilePrefix = "pending-state-writes";

    /// <summary>
    /// The format of the lines this build writes, in each line's <c>v</c>; a line without one is of
    /// the first. Raise it when a line changes so that an older build could misread it: that build
    /// then leaves the file to this one instead of applying it.
    /// </summary>
    public const int Version = 1;

        /// <summary>
    /// How old an empty file must be before a look deletes it. A process creates its file an instant
    /// before it locks it, so an empty file with no lock may be one being created; a minute is far
    /// past that instant, and leaves room for clocks that differ a little on a shared volume.
    /// </summary>
    internal static readonly TimeSpan EmptyFileAge = TimeSpan.FromMinutes(1);

    private readonly long _maxBytes;
    private readonly TimeProvider _time;
    private readonly ILogger<StateWriteSpill> _logger;
    private readonly HashSet<string> _leftForNewerBuild = new(StringComparer.Ordinal);
    private FileStream? _file;
    private long _intact;
    private bool _failing;
    private bool _full;

    public StateWriteSpill(DataDirectory directory, IOptions<StorageOptions> options, TimeProvider time, ILogger<StateWriteSpill> logger)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(options);
        Folder = directory.FullPath;
        FilePath = Path.Combine(Folder, $"{FilePrefix}.{Guid.NewGuid():N}.jsonl");
        _maxBytes = options.Value.MaxSpillFileBytes;
        _time = time;
        _logger = logger;
    }

    /// <summary>The data directory, where the spill files are.</summary>
    public string Folder { get; }

    /// <summary>This process's file; it exists only while writes wait.</summary>
    public string FilePath { get; }

    /// <summary>Where, in this process's file, the line last appended starts.</summary>
    public long LastLineStart { get; private set; }

    /// <summary>
    /// Appends a write taken over from another file (<see cref="TakeLeftOver"/>), not yet forced to
    /// disk (<see cref="FlushMoved"/> does that once for a batch). Not held to
    /// <see cref="StorageOptions.MaxSpillFileBytes"/>: its old file goes once it is here, so the
    /// disk holds no more than before.
    /// </summary>
    /// <returns>Whether it is in this process's file.</returns>
    public bool Moved(StateWrite write) => Append(WaitingLine(write), flushToDisk: false);

    /// <summary>Forces the writes <see cref="Moved"/> here to disk, before their old file is told they are passed.</summary>
    /// <returns>Whether they are on disk.</returns>
    public bool FlushMoved()
    {
        try
        {
            _file?.Flush(flushToDisk: true);
            return true;
        }
        catch (IOException exception)
        {
            LogFileFailed(exception, FilePath);
            return false;
        }
    }

    /// <summary>
    /// Keeps <paramref name="write"/> on disk before the caller is told it is kept, unless the file
    /// has reached <see cref="StorageOptions.MaxSpillFileBytes"/> (warned of once per file) or
    /// cannot be written.
    /// </summary>
    /// <returns>Whether it is on disk.</returns>
    public bool Waiting(StateWrite write)
    {
        var line = WaitingLine(write);
        if ((_file is null ? 0 : _intact) + line.Length > _maxBytes)
        {
            if (!_full)
            {
                _full = true;
                LogFull(FilePath, _maxBytes);
            }

            return false;
        }

        return Append(line, flushToDisk: true);
    }

    /// <summary>
    /// Marks <paramref name="write"/> as landed. Not forced to disk: if the mark is lost, the write
    /// is applied again at the next start, which changes nothing.
    /// </summary>
    public void Landed(StateWrite write) => _ = Append(LandedLine(write), flushToDisk: false);

    /// <summary>Nothing waits any more.</summary>
    public void Clear()
    {
        if (_file is null)
        {
            return;
        }

        // Deleted while still locked, so no process starting now takes it over.
        Delete(FilePath);
        Close();
        _full = false;
    }

    public void Dispose() => Close();

    private bool Delete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left as it is: every write in it has landed or waits elsewhere, and applying them again changes nothing.
            LogFileFailed(exception, path);
            return false;
        }
    }

    private bool Append(byte[] line, bool flushToDisk)
    {
        try
        {
            if (_file is null)
            {
                Directory.CreateDirectory(Folder);

                // Locked for as long as this process runs: a process starting meanwhile leaves it alone.
                // Read too, for the writes that wait on disk only (ReadBack).
                _file = new FileStream(FilePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
                _intact = _file.Seek(0, SeekOrigin.End);
            }
            else if (_file.Length != _intact)
            {
                // A line half written before a failure would run into this one.
                _file.SetLength(_intact);
                _file.Position = _intact;
            }

            LastLineStart = _intact;
            _file.Write(line);
            _file.Flush(flushToDisk);
            _intact = _file.Position;
            _failing = false;
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The write still waits in memory; only a stop before the store is back would lose it.
            if (!_failing)
            {
                _failing = true;
                LogFileFailed(exception, FilePath);
            }

            return false;
        }
    }

    /// <summary>The file, locked, or null when a running process holds it (or it is gone, or empty).</summary>
    private FileStream? TakeOver(string path)
    {
        try
        {
            // A process creates its file an instant before it locks it, and writes to it only once it
            // holds the lock: an empty file may be one being created, and locking it then would make
            // its owner's first write fail. One older than that instant was left by a crash in it.
            var info = new FileInfo(path);
            if (info.Length == 0)
            {
                if (_time.GetUtcNow() - info.LastWriteTimeUtc >= EmptyFileAge)
                {
                    DeleteIfEmptyAndFree(path);
                }

                return null;
            }

            return new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Deletes an empty file unless a running process holds it (its owner may have a write under way).</summary>
    private void DeleteIfEmptyAndFree(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        // Deleted while still locked, so no process takes it meanwhile.
        if (file.Length == 0 && Delete(path))
        {
            LogEmptyDeleted(path);
        }
    }

    private void Close()
    {
        _file?.Dispose();
        _file = null;
    }

    private static byte[] WaitingLine(StateWrite write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber(SpillLine.VersionProperty, Version);
            json.WriteString("id", write.Id);
            json.WriteString("kind", write.Kind);
            if (write.Key is not null)
            {
                json.WriteString("key", write.Key);
            }

            json.WritePropertyName("data");
            json.WriteRawValue(write.Data);
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static byte[] LandedLine(StateWrite write) =>
        Encoding.UTF8.GetBytes($"{{\"{SpillLine.VersionProperty}\":{Version},\"landed\":{JsonSerializer.Serialize(write.Id)}}}\n");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Line {Number} of {File} cannot be read (cut off when the bot stopped?) and is skipped")]
    private partial void LogUnreadableLine(string file, int number);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Line {Number} of {File} is of format version {Version}, which this build does not know; the file is left as it is, none of its writes applied, for a build that knows it")]
    private partial void LogUnknownVersion(string file, int number, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The file of state writes waiting for the store ({File}) cannot be written; they wait in memory only until it can")]
    private partial void LogFileFailed(Exception exception, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The file of state writes waiting for the store ({File}) has reached Storage:MaxSpillFileBytes ({MaxBytes} bytes); further ones wait in memory only, while there is room, until every write in it has landed")]
    private partial void LogFull(string file, long maxBytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "An empty file of state writes ({File}), left by a process that stopped as it created it, is deleted")]
    private partial void LogEmptyDeleted(string file);
}
