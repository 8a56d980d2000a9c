using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Slack.Handling;
using StoryBot.Slack.Rendering;
using StoryBot.Slack.WebApi;

namespace StoryBot.Slack;

/// <summary>
/// Posts and edits bot messages in a Slack channel for features that speak unasked (daily
/// summaries, corrections). The message id is Slack's <c>ts</c>.
/// </summary>
internal sealed class SlackChannelPoster(SlackApiClient api) : IChannelPoster
{
    public string Platform => SlackConversation.Platform;

    public Task<PostedMessage> PostAsync(string channelId, Reply reply, CancellationToken cancellationToken) =>
        PostAsync(channelId, null, reply, cancellationToken);

    /// <summary>In the earlier message's thread (<c>thread_ts</c>) when it was posted in one.</summary>
    public Task<PostedMessage> PostNextToAsync(PostedMessage earlier, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return PostAsync(earlier.ChannelId, earlier.ThreadId, reply, cancellationToken);
    }

    public async Task EditAsync(PostedMessage message, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Platform != Platform)
        {
            throw new ArgumentException($"Message belongs to {message.Platform}, not Slack", nameof(message));
        }

        var rendered = SlackMessageRenderer.Render(reply, offerReport: reply.Kind == ReplyKind.Answer);
        await api.UpdateMessageAsync(message.ChannelId, message.MessageId, rendered, cancellationToken);
    }

    private async Task<PostedMessage> PostAsync(string channelId, string? threadTs, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelId);
        var message = SlackMessageRenderer.Render(reply, offerReport: reply.Kind == ReplyKind.Answer);
        var ts = await api.PostMessageAsync(channelId, message, threadTs, cancellationToken);
        return new PostedMessage(Platform, channelId, ts, threadTs);
    }
}
