namespace StoryBot.State.Summaries;

/// <summary>When the scheduler tries again after a failure: one place for every wait it keeps.</summary>
internal static class SummaryRetryPolicy
{
    // Doubling without a cap would spend the catch-up window on a few long waits; ten minutes
    // keeps trying often enough to post soon after a platform recovers.
    private static readonly TimeSpan MaxPostDelay = TimeSpan.FromMinutes(10);

    // Beyond this the doubling is far past the cap anyway; stopping here keeps TimeSpan from overflowing.
    private const int MaxDoublings = 16;

    /// <summary>
    /// The wait after an unreachable ledger. Nothing was decided meanwhile, so the slot is simply
    /// looked at again.
    /// </summary>
    public static readonly TimeSpan LedgerDelay = TimeSpan.FromMinutes(1);

    /// <summary>The wait after failed post attempt <paramref name="attempt"/> (1-based): Summaries:RetryDelay, doubling, capped.</summary>
    public static TimeSpan PostDelay(SummariesOptions options, int attempt)
    {
        ArgumentNullException.ThrowIfNull(options);
        var delay = options.RetryDelay * Math.Pow(2, Math.Min(attempt - 1, MaxDoublings));
        return delay < MaxPostDelay ? delay : MaxPostDelay;
    }

    /// <summary>
    /// When to make the attempt after failed attempt <paramref name="attempt"/>, or null when the
    /// slot has used its attempts (Summaries:MaxPostAttempts) or the next one would fall outside
    /// its catch-up window.
    /// </summary>
    public static DateTimeOffset? NextPostAttempt(SummariesOptions options, SummarySlot slot, int attempt, DateTimeOffset now)
    {
        var at = now + PostDelay(options, attempt);
        return attempt >= options.MaxPostAttempts || at > slot.Utc + options.CatchUpWindow ? null : at;
    }
}
