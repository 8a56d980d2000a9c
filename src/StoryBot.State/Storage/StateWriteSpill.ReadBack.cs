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

        try
        {
            var lines = new SpillLineReader(_file.SafeFileHandle, from, _intact);
            while (writes.Count < max && lines.Next() is { } text)
            {
                if (SpillLine.Parse(text) is SpillLine.Waiting(var write))
                {
                    writes.Add(write);
                    next = lines.Position;
                }
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

        return writes;
    }
}
