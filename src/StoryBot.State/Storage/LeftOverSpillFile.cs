using System.Globalization;

namespace StoryBot.State.Storage;

/// <summary>
/// A file of state writes another process left waiting (<see cref="StateWriteSpill.TakeLeftOver"/>),
/// locked while this one takes it over. Its writes are read in batches (<see cref="ReadBatch"/>),
/// each handed on (applied, or moved into this process's file) before the next is read, so a file
/// of any size costs the memory of one batch. The writes that landed are passed over: a second
/// reader walks the landed marks alongside, which come in the order of the writes they mark (the
/// queue applies writes in the file's order). Where the next batch starts is kept in a file beside
/// it (<see cref="CursorSuffix"/>) once a batch is handed on, so a takeover cut short (a crash, a
/// stop) is taken up there by the next one rather than from the start.
/// </summary>
internal sealed class LeftOverSpillFile : IDisposable
{
    /// <summary>Ends the name of the file, beside the spill file, that says where its next batch starts.</summary>
    public const string CursorSuffix = ".cursor";

    private readonly FileStream _file;
    private readonly SpillLineReader _waiting;
    private readonly SpillLineReader _landed;
    private (string Id, long At)? _nextLanded;

    public LeftOverSpillFile(FileStream file, SpillCursor from)
    {
        _file = file;
        _waiting = new SpillLineReader(file.SafeFileHandle, from.Waiting, file.Length);
        _landed = new SpillLineReader(file.SafeFileHandle, from.Landed, file.Length);
    }

    public string FilePath => _file.Name;

    public string CursorPath => _file.Name + CursorSuffix;

    /// <summary>Where the next batch starts: the next waiting line, and the next landed mark not yet matched.</summary>
    public SpillCursor Cursor => new(_waiting.Position, _nextLanded?.At ?? _landed.Position);

    /// <summary>The next writes, up to <paramref name="max"/>, that had not landed, in the file's order; none at the end.</summary>
    public List<StateWrite> ReadBatch(int max)
    {
        var writes = new List<StateWrite>();
        while (writes.Count < max)
        {
            var at = _waiting.Position;
            if (_waiting.Next() is not { } text)
            {
                break;
            }

            if (SpillLine.Parse(text) is SpillLine.Waiting(var write) && !HasLanded(write.Id, at))
            {
                writes.Add(write);
            }
        }

        return writes;
    }

    /// <summary>Whether the next landed mark is <paramref name="id"/>'s, for its line at <paramref name="at"/>.</summary>
    private bool HasLanded(string id, long at)
    {
        while ((_nextLanded ??= NextLanded()) is { } mark)
        {
            if (mark.Id == id)
            {
                _nextLanded = null;
                return true;
            }

            if (mark.At > at)
            {
                // A mark comes after the line of its write, so this one is for a later write.
                return false;
            }

            // For a write that is not in this file (it waited in memory only when the file could
            // not be written) or was passed already; at worst a landed write is applied again, which changes nothing.
            _nextLanded = null;
        }

        return false;
    }

    private (string Id, long At)? NextLanded()
    {
        while (true)
        {
            var at = _landed.Position;
            if (_landed.Next() is not { } text)
            {
                return null;
            }

            // Most lines are writes: they are not parsed twice.
            if (text.Contains("\"landed\"", StringComparison.Ordinal) && SpillLine.Parse(text) is SpillLine.Landed(var id))
            {
                return (id, at);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}

/// <summary>Where a takeover of a <see cref="LeftOverSpillFile"/> goes on: byte offsets of its next waiting line and its next landed mark.</summary>
internal readonly record struct SpillCursor(long Waiting, long Landed)
{
    public static SpillCursor Start => default;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Waiting} {Landed}");

    /// <returns>The cursor, or <see cref="Start"/> when <paramref name="text"/> is not one for a file of <paramref name="length"/> bytes.</returns>
    public static SpillCursor Parse(string text, long length)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var waiting)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var landed)
            && waiting <= length && landed <= length
                ? new SpillCursor(waiting, landed)
                : Start;
    }
}
