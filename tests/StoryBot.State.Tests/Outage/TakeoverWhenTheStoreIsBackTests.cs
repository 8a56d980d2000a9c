using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StoryBot.Core.Conversation;
using StoryBot.Core.DataFiles;
using StoryBot.Core.Knowledge;
using StoryBot.State.Moderation;
using StoryBot.State.Storage;

namespace StoryBot.State.Tests.Outage;

/// <summary>
/// An instance sharing the data directory crashes during an outage of the SQLite store. The one
/// still running takes its writes over as soon as the store is back, not a whole
/// <c>Storage:SpillTakeoverInterval</c> later.
/// </summary>
public sealed class TakeoverWhenTheStoreIsBackTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task WritesLeftByAnInstanceThatCrashedDuringTheOutageLandOnceTheStoreIsBackWithoutWaitingForTheNextLook()
    {
        await using var outage = await SqliteOutage.StartAsync(storage => storage.SpillTakeoverInterval = Interval);
        outage.Cut();
        await outage.RecordAsync("Who won?");
        LeftByACrashedInstance(outage, "Who lost?");

        outage.Restore();
        await outage.UntilAsync(() => outage.Reachable, TimeSpan.FromSeconds(1));

        // The clock stands still from here: no look is due.
        await outage.UntilAsync(() => outage.Writes.Pending == 0 && outage.SpillFiles.Length == 0, TimeSpan.Zero);

        Assert.Equal(["Who won?", "Who lost?"], await outage.QuestionsAsync());
    }

    [Fact]
    public async Task WithTheStoreReachableThroughoutTheWritesLeftByACrashedInstanceWaitForTheNextLook()
    {
        await using var outage = await SqliteOutage.StartAsync(storage => storage.SpillTakeoverInterval = Interval);
        await outage.RecordAsync("Who won?");
        LeftByACrashedInstance(outage, "Who lost?");

        var waited = await outage.UntilAsync(() => outage.SpillFiles.Length == 0, TimeSpan.FromMinutes(1));

        Assert.True(waited >= Interval, $"Taken over after {waited}.");
        Assert.Equal(["Who won?", "Who lost?"], await outage.QuestionsAsync());
    }

    /// <summary>What a crashed instance leaves: its file, its line flushed to disk, its lock gone with the process.</summary>
    private static void LeftByACrashedInstance(SqliteOutage outage, string question)
    {
        using var crashed = outage.OtherInstancesSpill();
        crashed.Waiting(outage.UnansweredWrite(question));
    }
}
