using Microsoft.Extensions.Logging;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;

namespace StoryBot.Discord.Conversation;

/// <summary>
/// Hands posted answers to the pipeline's recording once Discord has told their message id, which
/// some of its responses leave out.
/// </summary>
internal sealed class AnswerRecording(ConversationPipeline pipeline, ILogger<AnswerRecording> logger)
{
    public bool IsNeeded(Reply reply) => pipeline.IsRecorded(reply);

    public async Task RecordAsync(string channelId, string? messageId, ChatRequest request, Reply reply, CancellationToken cancellationToken)
    {
        if (!IsNeeded(reply))
        {
            return;
        }

        if (messageId is null)
        {
            logger.LogWarning("Posted a Discord answer in channel {ChannelId} without learning its message id; it cannot be reported or corrected", channelId);
            return;
        }

        await pipeline.RecordAsync(new PostedMessage(DiscordPlatform.Name, channelId, messageId), request, reply, cancellationToken);
    }
}
