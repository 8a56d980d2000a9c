using System.Collections.Concurrent;

namespace StoryBot.Core.Conversation.FollowUps;

/// <summary>A map that keeps at most a given number of entries, forgetting the oldest added first.</summary>
internal sealed class BoundedMap<TValue>(int capacity)
{
    private readonly ConcurrentDictionary<string, TValue> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _oldestFirst = new();

    // Counted here: the dictionary's own Count takes every one of its locks (see ConversationMemory).
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Adds the entry unless its key is there already; returns whether it was added.</summary>
    public bool TryAdd(string key, TValue value)
    {
        if (!_entries.TryAdd(key, value))
        {
            return false;
        }

        Interlocked.Increment(ref _count);
        _oldestFirst.Enqueue(key);
        while (Count > capacity && _oldestFirst.TryDequeue(out var oldest))
        {
            if (_entries.TryRemove(oldest, out _))
            {
                Interlocked.Decrement(ref _count);
            }
        }

        return true;
    }

    public bool ContainsKey(string key) => _entries.ContainsKey(key);

    public bool TryGetValue(string key, out TValue value) => _entries.TryGetValue(key, out value!);
}
