using System.Net;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Platforms;
using StoryBot.Discord.Conversation;
using StoryBot.Discord.Rendering;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Posting;

/// <summary>
/// Posts and corrects bot messages in Discord channels (daily summaries, corrections), and says
/// in a <see cref="PostResult"/> whether a failure is worth another try. Each post and edit waits
/// for its channel's turn in the channel's line, as answers do (<see cref="DiscordDelivery"/>).
/// </summary>
internal sealed class DiscordChannelPoster(DiscordMessageSender sender, DiscordMessageLinks links, DiscordDelivery delivery) : IChannelPoster
{
    private const string Post = "post in a channel (a summary or a correction)";
    private const string Edit = "correction of a posted answer";

    /// <summary>A message holds ten embeds: the body and nine quotes.</summary>
    public static PlatformLimits DiscordLimits { get; } = new(MaxCitations: 9);

    public string Platform => DiscordPlatform.Name;

    public PlatformLimits Limits => DiscordLimits;

    public Task<PostResult> PostAsync(string channelId, Reply reply, CancellationToken cancellationToken) =>
        SendAsync(channelId, reply, null, cancellationToken);

    /// <summary>
    /// Posted with nonces derived from the key: Discord creates it once even when it is sent again
    /// within minutes. The result carries the message's link (what a scheduled summary keeps).
    /// </summary>
    public async Task<PostResult> PostOnceAsync(string channelId, Reply reply, string idempotencyKey, CancellationToken cancellationToken)
    {
        var result = await SendAsync(channelId, reply, idempotencyKey, cancellationToken);
        return result.Message is { } posted
            ? result with { Permalink = await links.ForAsync(channelId, posted.MessageId, cancellationToken) }
            : result;
    }

    /// <summary>
    /// Replaces the recorded message (the first page of the answer) with the corrected reply's
    /// first page, where a withdrawn citation is struck through and labelled.
    /// </summary>
    public Task<PostResult> EditAsync(PostedMessage message, Reply reply, CancellationToken cancellationToken) =>
        Classified(async () =>
        {
            var edited = ReplyRenderer.RenderSingle(reply);
            await delivery.EditInTurnAsync(
                message.ChannelId,
                message.MessageId,
                Edit,
                token => sender.EditAsync(message.ChannelId, message.MessageId, edited, token, turnTaken: true),
                cancellationToken);

            // Only the first message of a long answer is recorded; the ones after it cannot be edited,
            // so a quote withdrawn there is named in a reply to the answer instead.
            if (WithdrawnLaterNotice.For(reply, ReplyRenderer.FirstCitationAfterFirstMessage(reply)) is { } notice)
            {
                var pages = ReplyRenderer.Render(notice);
                var replyTo = new MessageReference(message.MessageId, message.ChannelId, null);
                await delivery.PostInTurnAsync(
                    message.ChannelId, pages.Count, Edit, token => sender.SendAsync(message.ChannelId, pages, replyTo, null, token, turnTaken: true), cancellationToken);
            }

            return PostResult.Posted(message);
        });

    private Task<PostResult> SendAsync(string channelId, Reply reply, string? idempotencyKey, CancellationToken cancellationToken) =>
        Classified(async () =>
        {
            var pages = ReplyRenderer.Render(reply);
            var id = await delivery.PostInTurnAsync(
                channelId, pages.Count, Post, token => sender.SendAsync(channelId, pages, null, idempotencyKey, token, turnTaken: true), cancellationToken);
            return id is not null
                ? PostResult.Posted(new PostedMessage(Platform, channelId, id))
                : PostResult.Transient($"Discord did not return the id of the message posted in channel {channelId}");
        });

    /// <summary>
    /// Discord's answers in the seam's terms: a client error other than a rate limit, a timeout or a
    /// conflict will fail again (a deleted message, a channel the bot may not post in, a dead token).
    /// </summary>
    private static async Task<PostResult> Classified(Func<Task<PostResult>> post)
    {
        try
        {
            return await post();
        }
        catch (DiscordRestException exception) when (exception.Status is { } status && (int)status is >= 400 and < 500
            && status is not (HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout or HttpStatusCode.Conflict))
        {
            return PostResult.Permanent(exception.Message);
        }
        catch (Exception exception) when (exception is DiscordRestException or HttpRequestException or TimeoutException)
        {
            return PostResult.Transient(exception.Message);
        }
    }
}
