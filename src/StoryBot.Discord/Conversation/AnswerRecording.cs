using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;

namespace StoryBot.Discord.Conversation;

/// <summary>Tells the answer recorder (when the host has one) about every answer posted.</summary>
internal sealed class AnswerRecording(IServiceProvider services, ILogger<AnswerRecording> logger)
{
    private readonly IAnswerRecorder? _recorder = services.GetService<IAnswerRecorder>();

    public bool IsNeeded(Reply reply) => _recorder is not null && reply.Kind == ReplyKind.Answer;

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

        await _recorder!.RecordAsync(new PostedMessage(DiscordAsker.Platform, channelId, messageId), request, reply, cancellationToken);
    }
}
