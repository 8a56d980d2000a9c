using StoryBot.State.Summaries;

namespace StoryBot.State.Tests.Summaries;

public sealed class SummaryRetryPolicyTests
{
    private static readonly DateTimeOffset Slot = new(2026, 6, 1, 7, 0, 0, TimeSpan.Zero);
    private static readonly SummarySlot MorningSlot = new("morning", Slot);

    [Fact]
    public void TheWaitStartsAtTheConfiguredDelayAndDoublesUpToTenMinutes()
    {
        var options = new SummariesOptions { RetryDelay = TimeSpan.FromSeconds(30) };

        Assert.Equal(
            new[] { 30, 60, 120, 240, 480, 600, 600 }.Select(seconds => TimeSpan.FromSeconds(seconds)),
            Enumerable.Range(1, 7).Select(attempt => SummaryRetryPolicy.PostDelay(options, attempt)));
    }

    [Fact]
    public void AHugeAttemptCountWaitsTheCapInsteadOfOverflowing()
    {
        var options = new SummariesOptions { RetryDelay = TimeSpan.FromHours(1) };

        Assert.Equal(TimeSpan.FromMinutes(10), SummaryRetryPolicy.PostDelay(options, int.MaxValue));
    }

    [Fact]
    public void TheNextAttemptFollowsTheFailedOneByTheWait()
    {
        var options = new SummariesOptions();

        Assert.Equal(Slot.AddSeconds(10 + 60), SummaryRetryPolicy.NextPostAttempt(options, MorningSlot, 2, Slot.AddSeconds(10)));
    }

    [Fact]
    public void ThereIsNoNextAttemptOnceTheSlotHasHadItsAttempts()
    {
        var options = new SummariesOptions { MaxPostAttempts = 3 };

        Assert.NotNull(SummaryRetryPolicy.NextPostAttempt(options, MorningSlot, 2, Slot));
        Assert.Null(SummaryRetryPolicy.NextPostAttempt(options, MorningSlot, 3, Slot));
    }

    [Fact]
    public void ThereIsNoNextAttemptWhenItWouldFallAfterTheCatchUpWindow()
    {
        var options = new SummariesOptions { CatchUpWindow = TimeSpan.FromMinutes(2) };

        // Attempt 2 failed at 1:00 and waits a minute: 2:00 is the window's last instant.
        Assert.Equal(Slot.AddMinutes(2), SummaryRetryPolicy.NextPostAttempt(options, MorningSlot, 2, Slot.AddMinutes(1)));
        Assert.Null(SummaryRetryPolicy.NextPostAttempt(options, MorningSlot, 2, Slot.AddMinutes(1).AddSeconds(1)));
    }
}
