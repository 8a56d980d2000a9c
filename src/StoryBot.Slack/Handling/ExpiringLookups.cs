namespace StoryBot.Slack.Handling;

/// <summary>
/// Lookups kept per key until they expire, at most <paramref name="capacity"/> of them: when full,
/// the expired go first, then the tenth closest to expiry. Thread-safe; a lookup in flight is shared
/// by everyone asking for its key meanwhile.
/// </summary>
internal sealed class ExpiringLookups<TValue>(int capacity, TimeProvider time)
{
    private readonly Dictionary<string, (Task<TValue> Value, DateTimeOffset Until)> _kept = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _kept.Count;
            }
        }
    }

    /// <summary>The kept lookup for <paramref name="key"/>, or a new one from <paramref name="lookUp"/> kept for <paramref name="lifetime"/>.</summary>
    /// <remarks><paramref name="lookUp"/> runs under the lock: it must only start the work (yield before anything slow).</remarks>
    public Task<TValue> GetOrStart(string key, TimeSpan lifetime, Func<Task<TValue>> lookUp)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_kept.TryGetValue(key, out var kept) && kept.Until > now)
            {
                return kept.Value;
            }

            if (_kept.Count >= capacity)
            {
                Evict(now);
            }

            var started = lookUp();
            _kept[key] = (started, now + lifetime);
            return started;
        }
    }

    /// <summary>Keeps <paramref name="value"/> for <paramref name="key"/> instead, for <paramref name="lifetime"/>.</summary>
    public void Replace(string key, TValue value, TimeSpan lifetime)
    {
        lock (_gate)
        {
            _kept[key] = (Task.FromResult(value), time.GetUtcNow() + lifetime);
        }
    }

    private void Evict(DateTimeOffset now)
    {
        foreach (var key in _kept.Where(pair => pair.Value.Until <= now).Select(pair => pair.Key).ToList())
        {
            _kept.Remove(key);
        }

        if (_kept.Count >= capacity)
        {
            foreach (var key in _kept.OrderBy(pair => pair.Value.Until).Take(Math.Max(1, capacity / 10)).Select(pair => pair.Key).ToList())
            {
                _kept.Remove(key);
            }
        }
    }
}
