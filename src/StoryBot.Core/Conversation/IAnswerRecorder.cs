using StoryBot.Core.Answering;

namespace StoryBot.Core.Conversation;

/// <summary>
/// Told by the adapters about every answer they post, so it can later be reported by readers
/// or corrected when an excerpt it cites is withdrawn.
/// </summary>
public interface IAnswerRecorder
{
    Task RecordAsync(PostedMessage message, ChatRequest request, Reply reply, CancellationToken cancellationToken);
}
