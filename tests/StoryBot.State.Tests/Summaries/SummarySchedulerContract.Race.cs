using StoryBot.State.Summaries;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Summaries;

/// <summary>The ledger's claim under a real race: instances on their own connections, all at once.</summary>
public abstract partial class SummarySchedulerContract
{
    private const int Racers = 8;

    [StorageFact]
    public async Task InstancesClaimingOneSlotAtTheSameMomentLeaveExactlyOneClaimant()
    {
        var outcomes = await RaceAsync(Slot);

        Assert.Single(outcomes, outcome => outcome == ClaimOutcome.Claimed);
        Assert.All(outcomes.Where(outcome => outcome != ClaimOutcome.Claimed), outcome => Assert.Equal(ClaimOutcome.HeldElsewhere, outcome));
    }

    [StorageFact]
    public async Task InstancesTakingOverOneExpiredClaimAtTheSameMomentLeaveExactlyOneSuccessor()
    {
        await Harness.Ledger().TryClaimAsync(
            new SlotClaim(MorningSlot, SlotInBerlin, "discord", "chan-1", "crashed-instance"), Slot, Slot.AddMinutes(5), CancellationToken.None);

        var outcomes = await RaceAsync(Slot.AddMinutes(6));

        Assert.Single(outcomes, outcome => outcome == ClaimOutcome.TakenOver);
        Assert.All(outcomes.Where(outcome => outcome != ClaimOutcome.TakenOver), outcome => Assert.Equal(ClaimOutcome.HeldElsewhere, outcome));
        Assert.Equal(2, (await RecordAsync(MorningSlot))?.Attempts);
    }

    private async Task<ClaimOutcome[]> RaceAsync(DateTimeOffset now)
    {
        var ledgers = Enumerable.Range(0, Racers).Select(_ => Harness.Ledger()).ToList();
        await Task.WhenAll(ledgers.Select(ledger => ledger.FindAsync(MorningSlot, CancellationToken.None)));
        using var start = new ManualResetEventSlim();
        var claims = ledgers.Select((ledger, i) => Task.Run(async () =>
        {
            start.Wait();
            var claim = new SlotClaim(MorningSlot, SlotInBerlin, "discord", "chan-1", $"instance-{i}");
            return (await ledger.TryClaimAsync(claim, now, now.AddMinutes(5), CancellationToken.None)).Outcome;
        })).ToList();
        start.Set();
        return await Task.WhenAll(claims);
    }
}
