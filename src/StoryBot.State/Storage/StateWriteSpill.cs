using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StoryBot.Core.DataFiles;

namespace StoryBot.State.Storage;

/// <summary>
/// The file, in the data directory, that holds the state writes waiting for the store, so that they
/// outlive the process: one JSON line per write when it starts to wait (flushed to disk before the
/// caller goes on), one line naming it once it has landed, and no file once nothing waits. A line
/// cut off by a crash is skipped with a warning. Not thread-safe: <see cref="DeferredStateWrites"/>
/// calls it under its lock, so the file's order is the queue's.
/// </summary>
public sealed partial class StateWriteSpill : IDisposable
{
    public const string FileName = "pending-state-writes.jsonl";

    private readonly ILogger<StateWriteSpill> _logger;
    private FileStream? _file;
    private long _intact;
    private bool _failing;

    public StateWriteSpill(DataDirectory directory, ILogger<StateWriteSpill> logger)
    {
        ArgumentNullException.ThrowIfNull(directory);
        FilePath = Path.Combine(directory.FullPath, FileName);
        _logger = logger;
    }

    public string FilePath { get; }

    /// <summary>The writes an earlier run left waiting, in the order they were made.</summary>
    public IReadOnlyList<StateWrite> ReadLeftOver()
    {
        if (!File.Exists(FilePath))
        {
            return [];
        }

        var waiting = new OrderedDictionary<string, StateWrite>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadLines(FilePath, Encoding.UTF8))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            switch (Parse(line))
            {
                case Line.Waiting(var write):
                    waiting[write.Id] = write;
                    break;
                case Line.Landed(var id):
                    waiting.Remove(id);
                    break;
                default:
                    LogUnreadableLine(FilePath, number);
                    break;
            }
        }

        return [.. waiting.Values];
    }

    /// <summary>Makes the file hold exactly <paramref name="waiting"/> (none: no file), replaced whole so a crash leaves the old one or the new.</summary>
    public void Reset(IReadOnlyList<StateWrite> waiting)
    {
        Close();
        try
        {
            if (waiting.Count == 0)
            {
                File.Delete(FilePath);
                return;
            }

            var temporary = FilePath + ".tmp";
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                foreach (var write in waiting)
                {
                    file.Write(WaitingLine(write));
                }

                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, FilePath, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The old file stays: what in it has landed is applied again at the next start, which changes nothing.
            LogFileFailed(exception, FilePath);
        }
    }

    /// <summary>Keeps <paramref name="write"/> on disk before the caller is told it is kept.</summary>
    public void Waiting(StateWrite write) => Append(WaitingLine(write), flushToDisk: true);

    /// <summary>
    /// Marks <paramref name="write"/> as landed. Not forced to disk: if the mark is lost, the write
    /// is applied again at the next start, which changes nothing.
    /// </summary>
    public void Landed(StateWrite write) => Append(LandedLine(write), flushToDisk: false);

    /// <summary>Nothing waits any more.</summary>
    public void Clear()
    {
        Close();
        try
        {
            File.Delete(FilePath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left as it is: every write in it has landed, and applying them again changes nothing.
            LogFileFailed(exception, FilePath);
        }
    }

    public void Dispose() => Close();

    private void Append(byte[] line, bool flushToDisk)
    {
        try
        {
            if (_file is null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
                _file = new FileStream(FilePath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 0);
                _intact = _file.Seek(0, SeekOrigin.End);
            }
            else if (_file.Length != _intact)
            {
                // A line half written before a failure would run into this one.
                _file.SetLength(_intact);
                _file.Position = _intact;
            }

            _file.Write(line);
            _file.Flush(flushToDisk);
            _intact = _file.Position;
            _failing = false;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The write still waits in memory; only a stop before the store is back would lose it.
            if (!_failing)
            {
                _failing = true;
                LogFileFailed(exception, FilePath);
            }
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

    private static byte[] LandedLine(StateWrite write) => Encoding.UTF8.GetBytes($"{{\"landed\":{JsonSerializer.Serialize(write.Id)}}}\n");

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
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Line {Number} of {File} cannot be read (cut off when the bot stopped?) and is skipped")]
    private partial void LogUnreadableLine(string file, int number);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The file of state writes waiting for the store ({File}) cannot be written; they wait in memory only until it can")]
    private partial void LogFileFailed(Exception exception, string file);
}
