namespace StoryBot.Core.Conversation;

/// <summary>
/// One thing a person said to the bot, on any platform. Slash commands arrive as their text
/// form (<c>/who-is altman</c>); anything else is a question.
/// </summary>
/// <param name="Platform">"console", "discord" or "slack".</param>
/// <param name="ChannelId">Where the reply goes.</param>
/// <param name="UserId">Who asked, in the platform's own ids.</param>
/// <param name="Text">The raw text or command line.</param>
public sealed record ChatRequest(string Platform, string ChannelId, string UserId, string Text)
{
    /// <summary>
    /// Whether the caller may run moderator commands, read by the adapter from the current
    /// signed request (never cached from an earlier one).
    /// </summary>
    public bool IsModerator { get; init; }

    /// <summary>
    /// The language to answer in when the text itself does not tell (a bare command, a name);
    /// adapters set it from the user's locale where the platform sends one.
    /// </summary>
    public Knowledge.Language? PreferredLanguage { get; init; }

    /// <summary>Whether it was written in a direct message, a channel or the console.</summary>
    public ChannelKind ChannelKind { get; init; }

    /// <summary>
    /// The conversation the request belongs to, where follow-up questions lean on the turns before:
    /// a thread, a reply chain under one of the bot's answers, a direct message, the console.
    /// Null for a message on its own in a channel.
    /// </summary>
    public string? ConversationId { get; init; }

    /// <summary>
    /// The bot's reply this request goes on from, by the id its adapter remembered it under
    /// (<see cref="FollowUps.AnsweredMessages"/>): the answer it replies to, or the one its thread
    /// was started from. A conversation with no turns of its own yet starts with that reply's.
    /// </summary>
    public string? ContinuesFrom { get; init; }

    /// <summary>The bot message the request refers to, such as the answer a reader reports.</summary>
    public string? ReferencedMessageId { get; init; }

    /// <summary>
    /// A question from an evaluation run (<c>ask --no-record</c>): answered like any other, but
    /// kept out of the curators' tally of questions the story does not answer.
    /// </summary>
    public bool Unrecorded { get; init; }

    /// <summary>
    /// When the conversation pipeline took the request, a timestamp of its clock
    /// (<see cref="TimeProvider.GetTimestamp"/>): a reply recorded before the pipeline has timed it
    /// (a question the story did not answer) measures its answer time from here. Null outside the pipeline.
    /// </summary>
    public long? ReceivedAt { get; init; }

    /// <summary>
    /// How long the pipeline took to make the reply being recorded (the <c>storybot.answer.duration</c>
    /// measurement), set when it hands a posted answer to the recorders; null for a reply it did not time.
    /// </summary>
    public TimeSpan? AnswerTime { get; init; }
}
