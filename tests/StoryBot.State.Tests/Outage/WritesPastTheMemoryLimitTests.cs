using Microsoft.Extensions.Logging;
using StoryBot.State.Storage;

namespace StoryBot.State.Tests.Outage;

/// <summary>
/// A long outage of the SQLite store: more writes wait than <c>Storage:MaxDeferredWrites</c> keeps
/// in memory. The rest wait in the data directory's file only and land, in order, once it is back;
/// only what the file cannot take either is dropped, and that is said.
/// </summary>
public sealed class WritesPastTheMemoryLimitTests
{
    [Fact]
    public async Task WritesPastTheMemoryLimitWaitOnDiskAndLandInTheirOrderOnceTheStoreIsBack()
    {
        await using var outage = await SqliteOutage.StartAsync(storage => storage.MaxDeferredWrites = 2);
        string[] questions = ["Who won?", "Who lost?", "Who paid?", "Who sued?", "Who wrote?", "Who read?", "Who asked?"];

        outage.Cut();
        foreach (var question in questions)
        {
            await outage.RecordAsync(question);
        }

        Assert.Equal(7, outage.Writes.Pending);
        Assert.Equal(5, outage.Writes.PendingOnDiskOnly);
        var warning = Assert.Single(outage.Logs.GetSnapshot(), log => log.Message.Contains("Storage:MaxDeferredWrites", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);

        outage.Restore();
        await outage.UntilAsync(() => outage.Writes.Pending == 0, TimeSpan.FromSeconds(30));

        Assert.Equal(questions, await outage.QuestionsAsync());
        Assert.Empty(outage.SpillFiles);
        Assert.DoesNotContain(outage.Logs.GetSnapshot(), log => log.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task AWriteNeitherMemoryNorTheFileCanTakeIsDroppedWithAnErrorOnceAndCountedWhenTheOutageIsOver()
    {
        // A file that takes no line at all, so only memory keeps a write.
        await using var outage = await SqliteOutage.StartAsync(storage =>
        {
            storage.MaxDeferredWrites = 1;
            storage.MaxSpillFileBytes = 1;
        });

        outage.Cut();
        await outage.RecordAsync("Who won?");
        await outage.RecordAsync("Who lost?");
        await outage.RecordAsync("Who paid?");
        outage.Restore();
        await outage.UntilAsync(() => outage.Writes.Pending == 0, TimeSpan.FromSeconds(30));

        Assert.Equal(["Who won?"], await outage.QuestionsAsync());
        var logs = outage.Logs.GetSnapshot();
        Assert.Single(logs, log => log.Level == LogLevel.Warning && log.Message.Contains("Storage:MaxSpillFileBytes", StringComparison.Ordinal));
        Assert.Collection(
            logs.Where(log => log.Level == LogLevel.Error).Select(log => log.Message),
            first => Assert.StartsWith("A state write (unanswered-question) is dropped", first, StringComparison.Ordinal),
            inAll => Assert.Equal("2 state writes were dropped during the outage, for want of room in memory and on disk", inAll));
    }

    [Fact]
    public async Task WritesThatWaitOnDiskOnlyWhenTheBotStopsAreAppliedInTheirOrderByTheNextStart()
    {
        await using var outage = await SqliteOutage.StartAsync(storage => storage.MaxDeferredWrites = 1);
        string[] questions = ["Who won?", "Who lost?", "Who paid?", "Who sued?"];
        outage.Cut();
        foreach (var question in questions)
        {
            await outage.RecordAsync(question);
        }

        Assert.Equal(3, outage.Writes.PendingOnDiskOnly);

        outage.Restore();
        await outage.RestartAsync();

        Assert.Equal(0, outage.Writes.Pending);
        Assert.Equal(questions, await outage.QuestionsAsync());
        Assert.Empty(outage.SpillFiles);
    }
}
