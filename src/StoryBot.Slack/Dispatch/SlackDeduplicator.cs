using System.Collections.Concurrent;

namespace StoryBot.Slack.Dispatch;

/// <summary>
/// Remembers envelope and event ids for a while, shared by every socket connection and the HTTP
/// endpoints, so a redelivered envelope or a retried event is answered only once. Slack retries
/// for up to about five minutes, so ids are kept for fifteen.
/// </summary>
internal sealed class SlackDeduplicator(TimeProvider time)
{
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(15);
    private const int PruneEvery = 1024;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private int _sincePrune;

    /// <returns>True the first time <paramref name="id"/> is seen within the retention period.</returns>
    public bool TryFirstSighting(string kind, string id)
    {
        if (id.Length == 0)
        {
            // Without an id there is nothing to compare; treat it as new.
            return true;
        }

        var now = time.GetUtcNow();
        if (Interlocked.Increment(ref _sincePrune) >= PruneEvery)
        {
            Interlocked.Exchange(ref _sincePrune, 0);
            Prune(now);
        }

        var key = kind + ":" + id;
        while (true)
        {
            if (_seen.TryAdd(key, now))
            {
                return true;
            }

            if (_seen.TryGetValue(key, out var seenAt))
            {
                if (now - seenAt < Retention)
                {
                    return false;
                }

                // Expired: claim it again, but only one of two racing callers may win.
                if (_seen.TryUpdate(key, now, seenAt))
                {
                    return true;
                }
            }
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, seenAt) in _seen)
        {
            if (now - seenAt >= Retention)
            {
                _seen.TryRemove(new KeyValuePair<string, DateTimeOffset>(key, seenAt));
            }
        }
    }
}
