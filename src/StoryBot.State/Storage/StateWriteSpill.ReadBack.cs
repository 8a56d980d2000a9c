using System.Buffers;
using System.Text;

namespace StoryBot.State.Storage;

public sealed partial class StateWriteSpill
{
    /// <summary>
    /// Reads, in order, up to <paramref name="max"/> of the writes in this process's file from
    /// <paramref name="from"/> on (the landed marks between them are passed over): the writes that
    /// wait on disk only, past <see cref="StorageOptions.MaxDeferredWrites"/>, come back into memory
    /// this way as the earlier ones land. Only whole lines are read, never one being appended.
    /// </summary>
    /// <param name="next">Where the line after the last write read starts; <paramref name="from"/> when none was.</param>
    /// <param name="atEnd">Whether the file was read to its end.</param>
    /// <returns>The writes read; none when the file cannot be read now.</returns>
    public IReadOnlyList<StateWrite> ReadBack(long from, int max, out long next, out bool atEnd)
    {
        var writes = new List<StateWrite>();
        next = from;
        atEnd = true;
        if (_file is null)
        {
            return writes;
        }

        var chunk = new byte[64 * 1024];
        var line = new ArrayBufferWriter<byte>();
        try
        {
            _file.Position = from;
            for (var offset = from; offset < _intact && writes.Count < max;)
            {
                var count = _file.Read(chunk, 0, (int)Math.Min(chunk.Length, _intact - offset));
                if (count == 0)
                {
                    break;
                }

                var rest = chunk.AsSpan(0, count);
                var restStart = offset;
                offset += count;
                while (writes.Count < max && rest.IndexOf((byte)'\n') is var end and >= 0)
                {
                    line.Write(rest[..end]);
                    if (Parse(Encoding.UTF8.GetString(line.WrittenSpan)) is Line.Waiting(var write))
                    {
                        writes.Add(write);
                        next = restStart + end + 1;
                    }

                    line.ResetWrittenCount();
                    rest = rest[(end + 1)..];
                    restStart += end + 1;
                }

                line.Write(rest);
            }

            atEnd = writes.Count < max;
        }
        catch (IOException exception)
        {
            // Read again later: the writes stay in the file, and nothing was taken from it.
            LogFileFailed(exception, FilePath);
            writes.Clear();
            next = from;
            atEnd = false;
        }
        finally
        {
            // Appends go on at the end.
            _file.Position = _intact;
        }

        return writes;
    }
}
