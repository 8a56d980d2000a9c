using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace StoryBot.Core.Conversation.FollowUps;

/// <summary>
/// The last turns of each conversation, in memory only: nothing of it outlives the process, and
/// an answer's record already keeps what posting needs. Bounded in both directions: a
/// conversation idle for <see cref="FollowUpOptions.IdleExpiry"/> is forgotten, and beyond
/// <see cref="FollowUpOptions.MaxConversations"/> the ones idle longest make room.
/// </summary>
public sealed class ConversationMemory(IOptions<FollowUpOptions> options, TimeProvider time)
{
    private readonly FollowUpOptions _settings = options.Value;
    private readonly ConcurrentDictionary<string, Conversation> _conversations = new(StringComparer.Ordinal);

    // Counted here: the dictionary's own Count takes every one of its locks, of which a dictionary
    // of thousands has hundreds, and cost each question tens of microseconds.
    private int _count;

    /// <summary>How many conversations are kept.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The conversation's turns, oldest first; empty when it is new or was forgotten.</summary>
    public IReadOnlyList<ConversationTurn> Turns(string key)
    {
        if (!_conversations.TryGetValue(key, out var conversation))
        {
            return [];
        }

        lock (conversation)
        {
            if (time.GetUtcNow() - conversation.LastUsed >= _settings.IdleExpiry)
            {
                Forget(KeyValuePair.Create(key, conversation));
                return [];
            }

            return [.. conversation.Turns];
        }
    }

    public void Remember(string key, ConversationTurn turn)
    {
        var now = time.GetUtcNow();
        var conversation = Open(key);
        lock (conversation)
        {
            if (now - conversation.LastUsed >= _settings.IdleExpiry)
            {
                conversation.Turns.Clear();
            }

            conversation.Turns.Enqueue(turn);
            while (conversation.Turns.Count > _settings.Turns)
            {
                conversation.Turns.Dequeue();
            }

            conversation.LastUsed = now;
        }

        if (Count > _settings.MaxConversations)
        {
            MakeRoom(now);
        }
    }

    private Conversation Open(string key)
    {
        while (true)
        {
            if (_conversations.TryGetValue(key, out var conversation))
            {
                return conversation;
            }

            var opened = new Conversation();
            if (_conversations.TryAdd(key, opened))
            {
                Interlocked.Increment(ref _count);
                return opened;
            }
        }
    }

    private void Forget(KeyValuePair<string, Conversation> conversation)
    {
        if (_conversations.TryRemove(conversation))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>Forgets what has expired, then the longest idle, down to nine tenths of the bound: one sweep per many additions, not one each.</summary>
    private void MakeRoom(DateTimeOffset now)
    {
        var target = _settings.MaxConversations * 9 / 10;
        var byIdle = _conversations.Select(pair => (pair.Key, pair.Value.LastUsed)).OrderBy(pair => pair.LastUsed).ToList();
        foreach (var (key, lastUsed) in byIdle)
        {
            if (Count <= target && now - lastUsed < _settings.IdleExpiry)
            {
                break;
            }

            if (_conversations.TryRemove(key, out _))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }

    private sealed class Conversation
    {
        public Queue<ConversationTurn> Turns { get; } = new();

        public DateTimeOffset LastUsed { get; set; } = DateTimeOffset.MinValue;
    }
}
