using StoryBot.State.Storage;

namespace StoryBot.State.Tests.Storage;

/// <summary>The files of writes other processes left, read as a takeover reads them: a batch at a time.</summary>
internal static class LeftOverReading
{
    /// <summary>Every write still waiting in the files left over, in order; the files stay.</summary>
    public static List<StateWrite> ReadLeftOver(this StateWriteSpill spill) => Read(spill, finish: false);

    /// <summary>As <see cref="ReadLeftOver"/>, and the files read go, as once their writes are applied.</summary>
    public static List<StateWrite> TakeOverAll(this StateWriteSpill spill) => Read(spill, finish: true);

    private static List<StateWrite> Read(StateWriteSpill spill, bool finish)
    {
        var writes = new List<StateWrite>();
        foreach (var file in spill.TakeLeftOver())
        {
            using (file)
            {
                while (spill.NextBatch(file, 2) is { Count: > 0 } batch)
                {
                    writes.AddRange(batch);
                }

                if (finish)
                {
                    spill.Finished(file);
                }
            }
        }

        return writes;
    }
}
