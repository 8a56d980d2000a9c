namespace StoryBot.Core.Conversation;

/// <summary>
/// A request the bot acknowledged to a platform and so owes an answer: kept with what is needed to
/// answer it again after a restart.
/// </summary>
/// <param name="Key">What makes the request unique on its platform (an event id, an interaction id, a signature); a second request with the same key is a replay.</param>
/// <param name="Platform">"discord" or "slack": whose resumer answers it after a restart.</param>
/// <param name="Kind">What the platform sent ("command", "event", "action"), so the resumer can parse <paramref name="Payload"/>.</param>
/// <param name="Payload">The verified request as it arrived.</param>
/// <param name="AcceptedAt">When it was acknowledged.</param>
/// <param name="AnswerBy">After this the platform no longer takes the answer (an interaction token or response_url has expired).</param>
public sealed record AcceptedWork(string Key, string Platform, string Kind, string Payload, DateTimeOffset AcceptedAt, DateTimeOffset AnswerBy)
{
    /// <summary>
    /// A message is answered in its channel whenever the bot gets to it; after a day the answer
    /// would only puzzle the channel, so a longer outage leaves it unanswered (and counted).
    /// </summary>
    public static readonly TimeSpan MessageAnswerWindow = TimeSpan.FromDays(1);

    /// <summary>
    /// Whether posting the answer had started: it may already be on the platform, so it is looked
    /// for there before it is posted again.
    /// </summary>
    public bool PostingStarted { get; init; }
}
