using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;

namespace StoryBot.ConsoleChat;

/// <summary>Lets unprompted posts (daily summaries, corrections) reach the terminal.</summary>
internal sealed class ConsoleChannelPoster(ConsoleStreams streams, ConsoleMessageIds ids) : IChannelPoster
{
    public string Platform => ConsoleConversation.Platform;

    public async Task<PostedMessage> PostAsync(string channelId, Reply reply, CancellationToken cancellationToken)
    {
        var message = new PostedMessage(Platform, channelId, ids.Next());
        await WriteAsync($"[#{channelId}, message {message.MessageId}]{Environment.NewLine}{ConsoleReplyRenderer.Render(reply)}", cancellationToken);
        return message;
    }

    public Task EditAsync(PostedMessage message, Reply reply, CancellationToken cancellationToken) =>
        WriteAsync($"[#{message.ChannelId}, message {message.MessageId} corrected]{Environment.NewLine}{ConsoleReplyRenderer.Render(reply)}", cancellationToken);

    private Task WriteAsync(string text, CancellationToken cancellationToken) =>
        streams.WriteAsync(streams.Posts, text + Environment.NewLine, cancellationToken);
}
