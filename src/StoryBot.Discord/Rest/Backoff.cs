namespace StoryBot.Discord.Rest;

internal static class Backoff
{
    /// <summary>
    /// <paramref name="baseDelay"/> doubled per <paramref name="attempt"/> (0-based), capped, with
    /// "equal jitter" (half fixed, half random) so many clients never retry in lockstep.
    /// </summary>
    public static TimeSpan Jittered(TimeSpan baseDelay, TimeSpan cap, int attempt)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        var capped = Math.Min(exponential, cap.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (Random.Shared.NextDouble() * capped / 2));
    }
}
