using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace StoryBot.Core.Conversation.FollowUps;

/// <summary>
/// The bot's recent replies by the id the adapter posted them under, each with the turns of its
/// conversation as they stood when it was posted: a reply to one of them, or a thread started from
/// one, goes on from there (<see cref="ChatRequest.ContinuesFrom"/>). Adapters also ask it whether
/// a message is one of the bot's own, to know a thread started from one.
/// </summary>
/// <remarks>
/// <para>
/// In memory, and bounded: at most <see cref="FollowUpOptions.MaxConversations"/> replies, the
/// oldest forgotten first. A reply is known for as long as it is kept; the turns it carries expire
/// after <see cref="FollowUpOptions.IdleExpiry"/> like a conversation's.
/// </para>
/// <para>
/// With a state store, the answers it recorded (<see cref="IRecordedAnswers"/>) still tell the
/// bot's answers after a restart or once forgotten here (<see cref="IsAnswerAsync"/>). Turns are
/// never recorded: a thread or reply under such an answer goes on from an empty conversation, and
/// its first question is read on its own. What the store said about a message is kept (as many as
/// the replies, the oldest forgotten first), so each message is asked about once: whether a
/// message is an answer never changes, and an answer posted since is kept here before anyone can
/// reply to it.
/// </para>
/// </remarks>
public sealed partial class AnsweredMessages(
    ConversationMemory memory,
    IOptions<FollowUpOptions> options,
    TimeProvider time,
    IRecordedAnswers? recorded = null,
    ILogger<AnsweredMessages>? logger = null)
{
    private readonly FollowUpOptions _settings = options.Value;
    private readonly BoundedMap<Answered> _replies = new(options.Value.MaxConversations);
    private readonly BoundedMap<bool> _recordedSaid = new(options.Value.MaxConversations);
    private readonly ILogger _logger = logger ?? NullLogger<AnsweredMessages>.Instance;

    /// <summary>How many replies are kept.</summary>
    public int Count => _replies.Count;

    /// <summary>Keeps a reply the adapter has posted for <paramref name="request"/>.</summary>
    /// <param name="messageId">The id that names the message on its platform (Slack's ts is unique only within its channel, so Slack names it with its channel).</param>
    public void Remember(string platform, string messageId, ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var turns = FollowUpConversations.Key(request) is { } conversation ? memory.Turns(conversation) : [];
        _replies.TryAdd(Key(platform, messageId), new Answered(turns, time.GetUtcNow()));
    }

    /// <summary>Whether the message is a reply of the bot's that is still kept.</summary>
    public bool Contains(string platform, string messageId) => _replies.ContainsKey(Key(platform, messageId));

    /// <summary>
    /// Whether the message is one of the bot's answers: a reply kept here, or else an answer the
    /// state store recorded (asked once per message). Null when only the store could tell and
    /// there is none, or it could not be read: the adapter decides as it would without it.
    /// </summary>
    /// <param name="messageId">As the adapter remembers it and as it is recorded: a platform whose ids are unique across channels (Discord).</param>
    public ValueTask<bool?> IsAnswerAsync(string platform, string messageId, CancellationToken cancellationToken)
    {
        var key = Key(platform, messageId);
        if (_replies.ContainsKey(key))
        {
            return ValueTask.FromResult<bool?>(true);
        }

        if (recorded is null)
        {
            return ValueTask.FromResult<bool?>(null);
        }

        return _recordedSaid.TryGetValue(key, out var said) ? ValueTask.FromResult<bool?>(said) : AskRecordedAsync(recorded, platform, messageId, key, cancellationToken);
    }

    /// <summary>The turns the reply's conversation had when it was posted; empty when it is unknown or they have expired.</summary>
    public IReadOnlyList<ConversationTurn> TurnsOf(string platform, string messageId) =>
        _replies.TryGetValue(Key(platform, messageId), out var answered) && time.GetUtcNow() - answered.PostedAt < _settings.IdleExpiry
            ? answered.Turns
            : [];

    private async ValueTask<bool?> AskRecordedAsync(IRecordedAnswers store, string platform, string messageId, string key, CancellationToken cancellationToken)
    {
        bool said;
        try
        {
            said = await store.ContainsAsync(platform, messageId, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Not kept: the store is asked again next time.
            LogUnreadable(exception, platform, messageId);
            return null;
        }

        _recordedSaid.TryAdd(key, said);
        return said;
    }

    private static string Key(string platform, string messageId) => platform + "\n" + messageId;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read whether {Platform} message {MessageId} is one of the bot's recorded answers; taken as unknown")]
    private partial void LogUnreadable(Exception exception, string platform, string messageId);

    private sealed record Answered(IReadOnlyList<ConversationTurn> Turns, DateTimeOffset PostedAt);
}
