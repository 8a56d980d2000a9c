using StoryBot.State.Summaries;

namespace StoryBot.State.Tests.Summaries;

public sealed class SummaryRetryPolicyTests
{
    private static readonly DateTimeOffset Slot = new(2026, 6, 1, 7, 0, 0, TimeSpan.Zero);
    private static readonly SummarySlot MorningSlot = new("morning", Slot);

    [Fact]
    public void The_wait_starts_at_the_configured_delay_and_doubles_up_to_ten_minutes()
    {
        var options = new SummariesOptions { RetryDelay = TimeSpan.FromSeconds(30) };

        Assert.Equal(
            new[] { 30, 60, 120, 240, 480, 600, 600 }.Select(seconds => TimeSpan.FromSeconds(seconds)),
            Enumerable.Range(1, 7).Select(attempt => SummaryRetryPolicy.PostDelay(options, attempt)));
    }

    [Fact]
    public void A_huge_attempt_count_waits_the_cap_instead_of_overflowing()
    {
        var options = new SummariesOptions { RetryDelay = TimeSpan.FromHours(1) };

        Assert.Equal(TimeSpan.FromMinutes(10), SummaryRetryPolicy.PostDelay(options, int.MaxValue));
    }

    [Fact]
    public void The_next_attempt_follows_the_failed_one_by_the_wait()
    {
        var options = new SummariesOptions();

        Assert.Equal(Slot.AddSeconds(10 + 60), SummaryRetryPolicy.NextPostAttempt(options, MorningSlot, 2, Slot.AddSeconds(10)));
    }

    [Fact]
    public void There_is_no_next_attempt_once_the_slot_has_had_its_attempts()
    {
        var options = new SummariesOptions { MaxPostAttempts = 3 };

        Assert.NotNull(SummaryRetryPolicy.NextPostAttempt(options, MorningSlot, 2, Slot));
        Assert.Null(SummaryRetryPolicy.NextPostAttempt(options, MorningSlot, 3, Slot));
    }

    [Fact]
    public void There_is_no_next_attempt_when_it_would_fall_after_the_catch_up_window()
    {
        var options = new SummariesOptions { CatchUpWindow = TimeSpan.FromMinutes(2) };

        // Attempt 2 failed at 1:00 and waits a minute: 2:00 is the window's last instant.
        Assert.Equal(Slot.AddMinutes(2), SummaryRetryPolicy.NextPostAttempt(options, MorningSlot, 2, Slot.AddMinutes(1)));
        Assert.Null(SummaryRetryPolicy.NextPostAttempt(options, MorningSlot, 2, Slot.AddMinutes(1).AddSeconds(1)));
    }
}
