namespace StoryBot.Core.Conversation.FollowUps;

/// <summary>
/// The answers the bot recorded as it posted them (<see cref="IAnswerRecorder"/>), which outlast a
/// restart: <see cref="AnsweredMessages"/> asks them about a message it does not keep.
/// </summary>
public interface IRecordedAnswers
{
    /// <summary>Whether an answer was recorded as posted as this message, in any channel.</summary>
    /// <param name="messageId">The platform's id of the message; only platforms whose ids are unique across channels (Discord's) can be asked this way.</param>
    Task<bool> ContainsAsync(string platform, string messageId, CancellationToken cancellationToken);
}
