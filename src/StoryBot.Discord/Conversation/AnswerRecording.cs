using Microsoft.Extensions.Logging;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Conversation.FollowUps;

namespace StoryBot.Discord.Conversation;

/// <summary>
/// Hands posted answers to the pipeline's recording once Discord has told their message id, which
/// some of its responses leave out, and keeps every posted reply's id, so replies to it and threads
/// started from it go on from its conversation.
/// </summary>
internal sealed class AnswerRecording(ConversationPipeline pipeline, AnsweredMessages answered, ILogger<AnswerRecording> logger)
{
    public bool IsNeeded(Reply reply) => pipeline.IsRecorded(reply);

    public async Task RecordAsync(string channelId, string? messageId, ChatRequest request, Reply reply, CancellationToken cancellationToken)
    {
        if (messageId is not null)
        {
            answered.Remember(DiscordPlatform.Name, messageId, request);
        }

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
