using System.Text;

namespace StoryBot.State.Storage;

public sealed partial class StateWriteSpill
{
    /// <summary>
    /// The files other processes left waiting (an earlier run, or an instance sharing the data
    /// directory that stopped or crashed), oldest first, each locked as it comes, so no other
    /// process takes it too, until the caller disposes it; to be read in batches
    /// (<see cref="NextBatch"/>) from where an earlier takeover of it stopped. A file with a line of
    /// a format this build does not know is left whole for a build that knows it, warned of once
    /// per process. One takeover at a time: the files are not the queue's, so the lock of
    /// <see cref="DeferredStateWrites"/> is not held meanwhile.
    /// </summary>
    internal IEnumerable<LeftOverSpillFile> TakeLeftOver()
    {
        if (!Directory.Exists(Folder))
        {
            yield break;
        }

        DeleteCursorsOfFilesGone();
        var paths = Directory.EnumerateFiles(Folder, FilePrefix + "*.jsonl").OrderBy(File.GetLastWriteTimeUtc).ToList();
        foreach (var path in paths)
        {
            if (path != FilePath && !_leftForNewerBuild.Contains(path) && Open(path) is { } file)
            {
                yield return file;
            }
        }
    }

    /// <summary>The next batch of <paramref name="file"/>'s writes (<see cref="LeftOverSpillFile.ReadBatch"/>), or null when it cannot be read now.</summary>
    internal List<StateWrite>? NextBatch(LeftOverSpillFile file, int max)
    {
        try
        {
            return file.ReadBatch(max);
        }
        catch (IOException exception)
        {
            // Left for a later look, from where it was last passed.
            LogFileFailed(exception, file.FilePath);
            return null;
        }
    }

    /// <summary>
    /// The writes read from <paramref name="file"/> so far are applied, or on disk in this process's
    /// file (<see cref="FlushMoved"/>): the next takeover of it, should this one stop, starts after
    /// them. Replaced whole, so a crash leaves the last cursor or the one before, never half of one.
    /// </summary>
    internal void Passed(LeftOverSpillFile file)
    {
        var temporary = file.CursorPath + ".tmp";
        try
        {
            using (var cursor = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                cursor.Write(Encoding.ASCII.GetBytes(file.Cursor.ToString()));
                cursor.Flush(flushToDisk: true);
            }

            File.Move(temporary, file.CursorPath, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A later takeover starts from an earlier cursor, and applying a write again changes nothing.
            LogFileFailed(exception, file.CursorPath);
        }
    }

    /// <summary>Every write in <paramref name="file"/> is applied or in this process's file: it goes, and its cursor after it.</summary>
    internal void Finished(LeftOverSpillFile file)
    {
        // Deleted while still locked, so no process starting now reads it after.
        if (Delete(file.FilePath))
        {
            DeleteCursor(file.FilePath);
        }
    }

    private LeftOverSpillFile? Open(string path)
    {
        if (TakeOver(path) is not { } file)
        {
            return null;
        }

        try
        {
            if (!Readable(path, file))
            {
                // Left for a build that knows its format: none of its lines is applied, so none is lost.
                _leftForNewerBuild.Add(path);
                file.Dispose();
                return null;
            }

            var cursor = File.Exists(path + LeftOverSpillFile.CursorSuffix)
                ? SpillCursor.Parse(File.ReadAllText(path + LeftOverSpillFile.CursorSuffix), file.Length)
                : SpillCursor.Start;
            return new LeftOverSpillFile(file, cursor);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogFileFailed(exception, path);
            file.Dispose();
            return null;
        }
    }

    /// <summary>
    /// Reads <paramref name="file"/> through once, before any of its writes is applied: false when
    /// a line is of a format this build does not know; lines that cannot be read (a last one cut
    /// off by a crash) are warned of, naming the line, and skipped when the writes are read.
    /// </summary>
    private bool Readable(string path, FileStream file)
    {
        var lines = new SpillLineReader(file.SafeFileHandle, 0, file.Length);
        var number = 0;
        while (lines.Next() is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            switch (SpillLine.Parse(text))
            {
                case SpillLine.OfUnknownVersion(var version):
                    LogUnknownVersion(path, number, version);
                    return false;
                case null:
                    LogUnreadableLine(path, number);
                    break;
            }
        }

        // A line with no end was cut off as it was appended, so its write never waited here.
        if (!string.IsNullOrWhiteSpace(lines.Unfinished))
        {
            LogUnreadableLine(path, number + 1);
        }

        return true;
    }

    /// <summary>A cursor whose file has gone: a crash came between the two deletions.</summary>
    private void DeleteCursorsOfFilesGone()
    {
        foreach (var cursor in Directory.EnumerateFiles(Folder, FilePrefix + "*.jsonl" + LeftOverSpillFile.CursorSuffix + "*").ToList())
        {
            var spillFile = cursor[..cursor.LastIndexOf(LeftOverSpillFile.CursorSuffix, StringComparison.Ordinal)];
            if (!File.Exists(spillFile))
            {
                DeleteCursor(spillFile);
            }
        }
    }

    private void DeleteCursor(string spillFile)
    {
        foreach (var path in new[] { spillFile + LeftOverSpillFile.CursorSuffix, spillFile + LeftOverSpillFile.CursorSuffix + ".tmp" })
        {
            if (File.Exists(path))
            {
                Delete(path);
            }
        }
    }
}
