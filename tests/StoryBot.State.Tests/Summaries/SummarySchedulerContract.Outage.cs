using Microsoft.Extensions.Logging;
using StoryBot.State.Summaries;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Summaries;

/// <summary>Slots that fall due while the state store, and so the ledger, cannot be reached.</summary>
public abstract partial class SummarySchedulerContract
{
    [StorageFact]
    public async Task ASlotDueWhileTheStoreIsUnreachableIsPostedOnceWhenItIsBackAndTheDelayIsLogged()
    {
        await Harness.StartAsync();
        await Harness.RunUntilAsync(Slot.AddMinutes(-1));

        Harness.StoreCut = true;
        await Harness.RunUntilAsync(Slot.AddMinutes(30));
        Assert.Empty(Harness.Discord.Posts);

        Harness.StoreCut = false;
        await Harness.RunUntilAsync(Midnight.AddHours(23));

        var post = Assert.Single(Harness.Discord.Posts);
        Assert.InRange(post.At, Slot.AddMinutes(30), Slot.AddMinutes(32));
        Assert.Equal(SlotStatus.Posted, (await RecordAsync(MorningSlot))?.Status);
        Assert.Single(Harness.Logs.GetSnapshot(), log => log.Message.Contains("could not be read or written", StringComparison.Ordinal));
        Assert.Contains(Harness.LogsAt(LogLevel.Information), log => log.Message.Contains(
            $"The summary ledger is reachable again: slot {SlotInBerlin} of schedule morning is handled now, {post.At - Slot} after its time", StringComparison.Ordinal));
    }

    [StorageFact]
    public async Task ASummaryPostedJustBeforeTheStoreIsLostIsRecordedWhenItIsBackAndNotPostedAgain()
    {
        await Harness.StartAsync();
        Harness.Discord.Failure = _ =>
        {
            Harness.StoreCut = true;
            return null;
        };
        await Harness.RunUntilAsync(Slot.AddMinutes(45));

        Harness.StoreCut = false;
        await Harness.RunUntilAsync(Midnight.AddHours(23));

        var post = Assert.Single(Harness.Discord.Posts);
        var record = await RecordAsync(MorningSlot);
        Assert.Equal((SlotStatus.Posted, post.MessageId), (record?.Status, record?.MessageId));
    }

    [StorageFact]
    public async Task ASlotWhoseStoreStaysUnreachablePastItsCatchUpWindowIsRecordedAsSkippedBecauseOfTheOutage()
    {
        await Harness.StartAsync();
        await Harness.RunUntilAsync(Slot.AddMinutes(-1));

        Harness.StoreCut = true;
        await Harness.RunUntilAsync(Slot + Harness.Options.CatchUpWindow + TimeSpan.FromHours(1));
        Harness.StoreCut = false;
        await Harness.RunUntilAsync(Midnight.AddHours(23));

        Assert.Empty(Harness.Discord.Posts);
        var record = await RecordAsync(MorningSlot);
        Assert.Equal(SlotStatus.Skipped, record?.Status);
        Assert.StartsWith("the state store could not be reached from the slot's time until it was more than", record?.Detail, StringComparison.Ordinal);
        Assert.Contains(Harness.LogsAt(LogLevel.Warning), log => log.Message.Contains(
            $"Skipped the summary of schedule morning for discord channel chan-1, slot {SlotInBerlin}: the state store could not be reached", StringComparison.Ordinal));
    }
}
