using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace StoryBot.Core.Conversation.FollowUps;

/// <summary>
/// The bot's recent replies by the id the adapter posted them under, each with the turns of its
/// conversation as they stood when it was posted: a reply to one of them, or a thread started from
/// one, goes on from there (<see cref="ChatRequest.ContinuesFrom"/>). Adapters also ask it whether
/// a message is one of the bot's own, to know a thread started from one.
/// </summary>
/// <remarks>
/// In memory only, and bounded: at most <see cref="FollowUpOptions.MaxConversations"/> replies,
/// the oldest forgotten first. A reply is known for as long as it is kept; the turns it carries
/// expire after <see cref="FollowUpOptions.IdleExpiry"/> like a conversation's.
/// </remarks>
public sealed class AnsweredMessages(ConversationMemory memory, IOptions<FollowUpOptions> options, TimeProvider time)
{
    private readonly FollowUpOptions _settings = options.Value;
    private readonly ConcurrentDictionary<string, Answered> _replies = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _oldestFirst = new();

    // Counted here: the dictionary's own Count takes every one of its locks (see ConversationMemory).
    private int _count;

    /// <summary>How many replies are kept.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Keeps a reply the adapter has posted for <paramref name="request"/>.</summary>
    /// <param name="messageId">The id that names the message on its platform (Slack's ts is unique only within its channel, so Slack names it with its channel).</param>
    public void Remember(string platform, string messageId, ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = Key(platform, messageId);
        var turns = FollowUpConversations.Key(request) is { } conversation ? memory.Turns(conversation) : [];
        if (!_replies.TryAdd(key, new Answered(turns, time.GetUtcNow())))
        {
            return;
        }

        Interlocked.Increment(ref _count);
        _oldestFirst.Enqueue(key);
        while (Count > _settings.MaxConversations && _oldestFirst.TryDequeue(out var oldest))
        {
            if (_replies.TryRemove(oldest, out _))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }

    /// <summary>Whether the message is a reply of the bot's that is still kept.</summary>
    public bool Contains(string platform, string messageId) => _replies.ContainsKey(Key(platform, messageId));

    /// <summary>The turns the reply's conversation had when it was posted; empty when it is unknown or they have expired.</summary>
    public IReadOnlyList<ConversationTurn> TurnsOf(string platform, string messageId) =>
        _replies.TryGetValue(Key(platform, messageId), out var answered) && time.GetUtcNow() - answered.PostedAt < _settings.IdleExpiry
            ? answered.Turns
            : [];

    private static string Key(string platform, string messageId) => platform + "\n" + messageId;

    private sealed record Answered(IReadOnlyList<ConversationTurn> Turns, DateTimeOffset PostedAt);
}
