namespace StoryBot.Slack.SocketMode;

/// <summary>
/// Delay before the next connection attempt: doubling from the first delay up to the cap, with
/// jitter so many instances do not reconnect in lockstep; reset after a good connection.
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan first, TimeSpan maximum)
{
    private int _failures;

    public TimeSpan Next()
    {
        var exponent = Math.Min(_failures++, 16);
        var ceiling = Math.Min(first.TotalMilliseconds * Math.Pow(2, exponent), maximum.TotalMilliseconds);
#pragma warning disable CA5394 // Jitter, not security.
        var jittered = ceiling * (0.5 + (Random.Shared.NextDouble() * 0.5));
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(jittered);
    }

    public void Reset() => _failures = 0;
}
