using StoryBot.Core.Platforms;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Contract;

public abstract partial class StateContract
{
    private static readonly DateTimeOffset TurnsFrom = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    [StorageFact]
    public async Task TwoInstancesClaimingTurnsOfOneNameAtOnceGetTurnsSpacedApartInOneSequence()
    {
        var first = Start().Get<ISpacedTurns>();
        var second = Start().Get<ISpacedTurns>();
        var spacing = TimeSpan.FromSeconds(5);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? first : second).ClaimAsync("discord:identify:1:0", TurnsFrom, spacing, CancellationToken.None)));

        Assert.Equal(Enumerable.Range(0, 8).Select(i => TurnsFrom + (spacing * i)), claims.Order());
    }

    [StorageFact]
    public async Task ATurnClaimedAfterTheLastHasPassedIsTheEarliestAskedForAndNamesAreSpacedApartSeparately()
    {
        var turns = Start().Get<ISpacedTurns>();
        var spacing = TimeSpan.FromSeconds(5);

        Assert.Equal(TurnsFrom, await turns.ClaimAsync("bucket-0", TurnsFrom, spacing, CancellationToken.None));
        Assert.Equal(TurnsFrom, await turns.ClaimAsync("bucket-1", TurnsFrom, spacing, CancellationToken.None));
        Assert.Equal(TurnsFrom + spacing, await turns.ClaimAsync("bucket-0", TurnsFrom.AddSeconds(1), spacing, CancellationToken.None));

        var later = TurnsFrom.AddMinutes(1);
        Assert.Equal(later, await Start().Get<ISpacedTurns>().ClaimAsync("bucket-0", later, spacing, CancellationToken.None));
    }
}
