using StoryBot.Core.Answering;

namespace StoryBot.Core.Conversation;

/// <summary>The single entry point every adapter calls: a request in, a reply out.</summary>
public interface IChatBot
{
    Task<Reply> RespondAsync(ChatRequest request, CancellationToken cancellationToken);
}
