using StoryBot.Core.Conversation.FollowUps;

namespace StoryBot.Core.Conversation;

/// <summary>
/// Keeps the messages of one conversation (<see cref="ChatRequest.ConversationId"/>, within its
/// platform and channel, as follow-ups key it) in the order they arrived: each message takes a
/// <see cref="ConversationPlace"/> as it is taken in, on the platform's receive path and before
/// anything is awaited, and its answer is worked out, and posted, only after the one before it.
/// Two messages sent at the same moment are so answered and posted in the order they were written,
/// and the second is read against the first's turn. Only a conversation waits for itself: other
/// conversations, and messages on their own, never wait here.
/// </summary>
public sealed class ConversationOrder(TimeProvider time)
{
    /// <summary>
    /// The longest a message waits for the one before it. An answer takes milliseconds and its post at
    /// most a few rate-limited seconds; a message before it that is never done with (a path that forgot
    /// to say so) must cost its conversation one late answer, never every answer after it.
    /// </summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    // The latest place of each conversation with a message still under way; removed once it is done.
    private readonly Dictionary<string, ConversationPlace> _last = new(StringComparer.Ordinal);

    /// <summary>How many conversations have a message under way.</summary>
    public int Busy
    {
        get
        {
            lock (_last)
            {
                return _last.Count;
            }
        }
    }

    /// <summary>
    /// The place of a message of <paramref name="request"/>'s conversation, behind the ones taken
    /// before it; a message outside any conversation waits for none. Called in the order messages
    /// arrive.
    /// </summary>
    public ConversationPlace Enter(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Enter(request.Platform, request.ChannelId, request.ConversationId);
    }

    /// <inheritdoc cref="Enter(ChatRequest)"/>
    public ConversationPlace Enter(string platform, string channelId, string? conversationId)
    {
        if (FollowUpConversations.Key(platform, channelId, conversationId) is not { } key)
        {
            return ConversationPlace.Alone();
        }

        lock (_last)
        {
            ConversationPlace? place = null;
            place = _last.TryGetValue(key, out var before)
                ? new ConversationPlace(AtMostMaxWait(before.WhenAnswered), AtMostMaxWait(before.WhenPosted), () => Leave(key, place!))
                : new ConversationPlace(Task.CompletedTask, Task.CompletedTask, () => Leave(key, place!));
            _last[key] = place;
            return place;
        }
    }

    /// <summary>Done when <paramref name="earlier"/> is, or after <see cref="MaxWait"/>; never faulted.</summary>
    private Task AtMostMaxWait(Task earlier) =>
        earlier.IsCompleted
            ? Task.CompletedTask
            : earlier.WaitAsync(MaxWait, time).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private void Leave(string key, ConversationPlace place)
    {
        lock (_last)
        {
            if (_last.TryGetValue(key, out var last) && ReferenceEquals(last, place))
            {
                _last.Remove(key);
            }
        }
    }
}
