using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Discord.Conversation;
using StoryBot.Discord.Rendering;

namespace StoryBot.Discord.Posting;

/// <summary>Posts and corrects bot messages in Discord channels (daily summaries, corrections).</summary>
internal sealed class DiscordChannelPoster(DiscordMessageSender sender) : IChannelPoster
{
    public string Platform => DiscordPlatform.Name;

    public Task<PostedMessage> PostAsync(string channelId, Reply reply, CancellationToken cancellationToken) =>
        SendAsync(channelId, reply, null, cancellationToken);

    /// <summary>Posted with nonces derived from the key: Discord creates it once even when it is sent again within minutes.</summary>
    public Task<PostedMessage> PostOnceAsync(string channelId, Reply reply, string idempotencyKey, CancellationToken cancellationToken) =>
        SendAsync(channelId, reply, idempotencyKey, cancellationToken);

    /// <summary>
    /// Replaces the recorded message (the first page of the answer) with the corrected reply's
    /// first page, where a withdrawn citation is struck through and labelled.
    /// </summary>
    public async Task EditAsync(PostedMessage message, Reply reply, CancellationToken cancellationToken)
    {
        await sender.EditAsync(message.ChannelId, message.MessageId, ReplyRenderer.RenderSingle(reply), cancellationToken);

        // Only the first message of a long answer is recorded; the ones after it cannot be edited,
        // so a quote withdrawn there is named in a reply to the answer instead.
        if (WithdrawnLaterNotice.For(reply, ReplyRenderer.FirstCitationAfterFirstMessage(reply)) is { } notice)
        {
            await sender.SendAsync(message.ChannelId, ReplyRenderer.Render(notice), new MessageReference(message.MessageId, message.ChannelId, null), null, cancellationToken);
        }
    }

    private async Task<PostedMessage> SendAsync(string channelId, Reply reply, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var id = await sender.SendAsync(channelId, ReplyRenderer.Render(reply), null, idempotencyKey, cancellationToken)
            ?? throw new InvalidOperationException($"Discord did not return the id of the message posted in channel {channelId}");
        return new PostedMessage(Platform, channelId, id);
    }
}
