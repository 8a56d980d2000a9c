using System.Collections.Concurrent;
using StoryBot.Core.Conversation;

namespace StoryBot.State.Work;

/// <summary>
/// The keys this process accepted lately, so that a replay is recognised even when the store
/// cannot be asked: a request accepted just before an outage and replayed during it would
/// otherwise be answered twice. Bounded by age and by count; the store stays what decides across
/// restarts and instances.
/// </summary>
internal sealed class RecentlyAccepted
{
    /// <summary>As long as the journal without durable state refuses a replay: past the platforms' signature freshness.</summary>
    public static readonly TimeSpan Window = InMemoryWorkJournal.Retention;

    /// <summary>About 10 MB of keys at most: a burst cannot grow it without bound.</summary>
    public const int MaxKeys = 100_000;

    private readonly ConcurrentDictionary<string, byte> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Key, DateTimeOffset At)> _order = new();
    private readonly Lock _trimming = new();

    public bool Contains(string key) => _keys.ContainsKey(key);

    public void Add(string key, DateTimeOffset acceptedAt)
    {
        if (!_keys.TryAdd(key, 0))
        {
            return;
        }

        _order.Enqueue((key, acceptedAt));
        lock (_trimming)
        {
            while (_order.TryPeek(out var oldest) && (_keys.Count > MaxKeys || acceptedAt - oldest.At > Window) && _order.TryDequeue(out oldest))
            {
                _keys.TryRemove(oldest.Key, out _);
            }
        }
    }

    public int Count => _keys.Count;
}
