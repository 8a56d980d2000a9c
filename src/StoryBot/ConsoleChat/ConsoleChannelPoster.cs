using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Platforms;

namespace StoryBot.ConsoleChat;

/// <summary>Lets unprompted posts (daily summaries, corrections) reach the terminal.</summary>
internal sealed class ConsoleChannelPoster(ConsoleStreams streams, ConsoleMessageIds ids) : IChannelPoster
{
    public string Platform => ConsoleConversation.Platform;

    public async Task<PostResult> PostAsync(string channelId, Reply reply, CancellationToken cancellationToken)
    {
        var message = new PostedMessage(Platform, channelId, ids.Next());
        await WriteAsync($"[#{channelId}, message {message.MessageId}]{Environment.NewLine}{ConsoleReplyRenderer.Render(reply)}", cancellationToken);
        return PostResult.Posted(message);
    }

    public async Task<PostResult> EditAsync(PostedMessage message, Reply reply, CancellationToken cancellationToken)
    {
        await WriteAsync($"[#{message.ChannelId}, message {message.MessageId} corrected]{Environment.NewLine}{ConsoleReplyRenderer.Render(reply)}", cancellationToken);
        return PostResult.Posted(message);
    }

    private Task WriteAsync(string text, CancellationToken cancellationToken) =>
        streams.WriteAsync(streams.Posts, text + Environment.NewLine, cancellationToken);
}
