using System.Buffers;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace StoryBot.State.Storage;

/// <summary>
/// The whole lines of a spill file, read forward from an offset up to an end with a position of
/// their own (<see cref="RandomAccess"/>), so that two readers can walk one file at once and
/// neither moves the position appends use. A last line without its newline (being appended, or
/// cut off by a crash) is not read.
/// </summary>
internal sealed class SpillLineReader(SafeFileHandle file, long from, long end)
{
    private readonly byte[] _chunk = new byte[64 * 1024];
    private readonly ArrayBufferWriter<byte> _line = new();
    private int _next;
    private int _count;
    private long _read = from;

    /// <summary>Where the next line starts.</summary>
    public long Position { get; private set; } = from;

    /// <summary>Once <see cref="Next"/> has come to the end: the text after the last newline.</summary>
    public string Unfinished => Encoding.UTF8.GetString(_line.WrittenSpan);

    /// <summary>The next whole line, or null at the end.</summary>
    public string? Next()
    {
        while (true)
        {
            var rest = _chunk.AsSpan(_next, _count - _next);
            if (rest.IndexOf((byte)'\n') is var newline and >= 0)
            {
                _line.Write(rest[..newline]);
                var text = Encoding.UTF8.GetString(_line.WrittenSpan);
                Position += _line.WrittenCount + 1;
                _line.ResetWrittenCount();
                _next += newline + 1;
                return text;
            }

            _line.Write(rest);
            _next = _count = 0;
            if (_read >= end)
            {
                return null;
            }

            _count = RandomAccess.Read(file, _chunk.AsSpan(0, (int)Math.Min(_chunk.Length, end - _read)), _read);
            if (_count == 0)
            {
                return null;
            }

            _read += _count;
        }
    }
}
