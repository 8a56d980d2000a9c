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
/// runs, so instances that share a data directory never write into one another's; at start a
/// process takes over the files no running process holds (left by a stop or a crash), and deletes
/// those a crash left empty. A line cut off by a crash is skipped with a warning; a file with a line
/// of a format version this build does not know (<see cref="Version"/>, written by a newer build) is
/// left whole, with a warning, for a build that knows it. New writes stop at
/// <see cref="StorageOptions.MaxSpillFileBytes"/>. The writes that wait on disk only (past
/// <see cref="StorageOptions.MaxDeferredWrites"/>) are read back from it in order
/// (<see cref="ReadBack"/>). Not thread-safe: <see cref="DeferredStateWrites"/> calls it under its
/// lock, so the file's order is the queue's.
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

    private const string VersionProperty = "v";

    /// <summary>
    /// How old an empty file must be before a look deletes it. A process creates its file an instant
    /// before it locks it, so an empty file with no lock may be one being created; a minute is far
    /// past that instant, and leaves room for clocks that differ a little on a shared volume.
    /// </summary>
    internal static readonly TimeSpan EmptyFileAge = TimeSpan.FromMinutes(1);

    private readonly long _maxBytes;
    private readonly TimeProvider _time;
    private readonly ILogger<StateWriteSpill> _logger;
    private readonly List<FileStream> _taken = [];
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
    /// The writes other processes left waiting (an earlier run, or an instance sharing the data
    /// directory that stopped or crashed), each file's in the order they were made, the files
    /// oldest first. The files stay locked, so no other process takes them too, until
    /// <see cref="Reset"/>. A file left for a newer build is read (and warned of) once per process.
    /// </summary>
    public IReadOnlyList<StateWrite> ReadLeftOver()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        var waiting = new OrderedDictionary<string, StateWrite>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(Folder, FilePrefix + "*.jsonl").OrderBy(File.GetLastWriteTimeUtc))
        {
            if (path == FilePath || _leftForNewerBuild.Contains(path) || TakeOver(path) is not { } file)
            {
                continue;
            }

            if (Read(path, file) is not { } lines)
            {
                // Left for a build that knows its format: none of its lines is applied, so none is lost.
                _leftForNewerBuild.Add(path);
                _taken.Remove(file);
                file.Dispose();
                continue;
            }

            foreach (var line in lines)
            {
                switch (line)
                {
                    case Line.Waiting(var write):
                        waiting[write.Id] = write;
                        break;
                    case Line.Landed(var id):
                        waiting.Remove(id);
                        break;
                }
            }
        }

        return [.. waiting.Values];
    }

    /// <summary>The file's lines, or null when one of them is of a format this build does not know.</summary>
    private List<Line>? Read(string path, FileStream file)
    {
        var lines = new List<Line>();
        var number = 0;
        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            switch (Parse(text))
            {
                case Line.OfUnknownVersion(var version):
                    LogUnknownVersion(path, number, version);
                    return null;
                case { } line:
                    lines.Add(line);
                    break;
                default:
                    LogUnreadableLine(path, number);
                    break;
            }
        }

        return lines;
    }

    /// <summary>
    /// Puts <paramref name="waiting"/> (what is left of <see cref="ReadLeftOver"/>) in this process's
    /// file, then deletes the files taken over (<see cref="Moved"/>, <see cref="ReleaseTaken"/>).
    /// </summary>
    public void Reset(IReadOnlyList<StateWrite> waiting)
    {
        var kept = true;
        foreach (var write in waiting)
        {
            kept &= Moved(write);
        }

        ReleaseTaken(kept);
    }

    /// <summary>
    /// Appends a write taken over from another file (<see cref="ReadLeftOver"/>), not yet forced to
    /// disk (<see cref="ReleaseTaken"/> does that once for all). Not held to
    /// <see cref="StorageOptions.MaxSpillFileBytes"/>: its old file goes once it is here, so the
    /// disk holds no more than before.
    /// </summary>
    /// <returns>Whether it is in this process's file.</returns>
    public bool Moved(StateWrite write) => Append(WaitingLine(write), flushToDisk: false);

    /// <summary>
    /// Lets go of the files <see cref="ReadLeftOver"/> took, deleting them when
    /// <paramref name="allMoved"/> (every write still waiting in them is in this process's file, see
    /// <see cref="Moved"/>). A crash in between leaves a write in two files, and applying it twice
    /// changes nothing.
    /// </summary>
    public void ReleaseTaken(bool allMoved)
    {
        // Unless the writes still waiting are safe in this process's file, the old files stay for a later look.
        var kept = allMoved && Flush();
        foreach (var file in _taken)
        {
            if (kept)
            {
                // Deleted while still locked, so no process starting now reads it after.
                Delete(file.Name);
            }

            file.Dispose();
        }

        _taken.Clear();
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

    public void Dispose()
    {
        Close();
        foreach (var file in _taken)
        {
            file.Dispose();
        }

        _taken.Clear();
    }

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

    private bool Flush()
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

            var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            _taken.Add(file);
            return file;
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
            json.WriteNumber(VersionProperty, Version);
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
        Encoding.UTF8.GetBytes($"{{\"{VersionProperty}\":{Version},\"landed\":{JsonSerializer.Serialize(write.Id)}}}\n");

    private static Line? Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            // Lines written before the format had a version are of the first.
            if (root.TryGetProperty(VersionProperty, out var version)
                && !(version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var number) && number == Version))
            {
                return new Line.OfUnknownVersion(version.GetRawText());
            }

            if (root.TryGetProperty("landed", out var landed) && landed.ValueKind == JsonValueKind.String)
            {
                return new Line.Landed(landed.GetString()!);
            }

            if (root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                && root.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String
                && root.TryGetProperty("data", out var data))
            {
                var key = root.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
                return new Line.Waiting(new StateWrite(kind.GetString()!, data.GetRawText()) { Id = id.GetString()!, Key = key });
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private abstract record Line
    {
        public sealed record Waiting(StateWrite Write) : Line;

        public sealed record Landed(string Id) : Line;

        public sealed record OfUnknownVersion(string Version) : Line;
    }

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
