using Microsoft.Extensions.Logging;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Platforms;
using StoryBot.Slack.Dispatch;
using StoryBot.Slack.Handling;
using StoryBot.Slack.Rendering;
using StoryBot.Slack.WebApi;

namespace StoryBot.Slack;

/// <summary>
/// Posts and edits bot messages in a Slack channel for features that speak unasked (daily
/// summaries, corrections), and says in a <see cref="PostResult"/> whether a failure is worth
/// another try. The message id is Slack's <c>ts</c>. A post waits for its channel's turn in the
/// channel's line, as answers do (<see cref="SlackDelivery"/>).
/// </summary>
internal sealed partial class SlackChannelPoster(SlackApiClient api, SlackDelivery delivery, ILogger<SlackChannelPoster> logger) : IChannelPoster
{
    /// <summary>Slack's error codes that mean "not now"; every other code will fail again.</summary>
    private static readonly HashSet<string> TransientErrors = new(StringComparer.OrdinalIgnoreCase)
    {
        "ratelimited", "rate_limited", "fatal_error", "internal_error", "service_unavailable", "request_timeout", "unknown", "http_408", "http_429",
    };

    /// <summary>A message holds 50 blocks and a quote takes up to three of them (quote, rendering, where it stands).</summary>
    public static PlatformLimits SlackLimits { get; } = new(MaxCitations: 15);

    public string Platform => SlackConversation.Platform;

    public PlatformLimits Limits => SlackLimits;

    public Task<PostResult> PostAsync(string channelId, Reply reply, CancellationToken cancellationToken) =>
        PostAsync(channelId, null, reply, cancellationToken);

    /// <summary>
    /// Posted like <see cref="PostAsync(string, Reply, CancellationToken)"/>; the result carries the
    /// message's link from <c>chat.getPermalink</c> (what a scheduled summary keeps), or none when
    /// Slack would not say: the message is posted either way.
    /// </summary>
    public async Task<PostResult> PostOnceAsync(string channelId, Reply reply, string idempotencyKey, CancellationToken cancellationToken)
    {
        var result = await PostAsync(channelId, null, reply, cancellationToken);
        return result.Message is { } posted ? result with { Permalink = await PermalinkAsync(posted, cancellationToken) } : result;
    }

    /// <summary>In the earlier message's thread (<c>thread_ts</c>) when it was posted in one.</summary>
    public Task<PostResult> PostNextToAsync(PostedMessage earlier, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return PostAsync(earlier.ChannelId, earlier.ThreadId, reply, cancellationToken);
    }

    public Task<PostResult> EditAsync(PostedMessage message, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Platform != Platform)
        {
            throw new ArgumentException($"Message belongs to {message.Platform}, not Slack", nameof(message));
        }

        return Classified(async () =>
        {
            var rendered = SlackMessageRenderer.Render(reply, offerReport: reply.Kind == ReplyKind.Answer);
            await api.UpdateMessageAsync(message.ChannelId, message.MessageId, rendered, cancellationToken);
            return PostResult.Posted(message);
        });
    }

    private Task<PostResult> PostAsync(string channelId, string? threadTs, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelId);
        return Classified(async () =>
        {
            var message = SlackMessageRenderer.Render(reply, offerReport: reply.Kind == ReplyKind.Answer);
            var ts = await delivery.PostInTurnAsync(
                channelId,
                "post in a channel (a summary or a correction)",
                token => api.PostMessageAsync(channelId, message, threadTs, token, turnTaken: true),
                cancellationToken);
            return PostResult.Posted(new PostedMessage(Platform, channelId, ts, threadTs));
        });
    }

    private async Task<string?> PermalinkAsync(PostedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await api.PermalinkAsync(message.ChannelId, message.MessageId, cancellationToken);
        }
        catch (Exception exception) when (exception is SlackApiException or HttpRequestException or TimeoutException)
        {
            LogNoPermalink(exception, message.ChannelId, message.MessageId);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack gave no link for message {Ts} in {Channel}; it is recorded without one")]
    private partial void LogNoPermalink(Exception exception, string channel, string ts);

    private static async Task<PostResult> Classified(Func<Task<PostResult>> post)
    {
        try
        {
            return await post();
        }
        catch (SlackApiException exception)
        {
            var transient = TransientErrors.Contains(exception.Error) || exception.Error.StartsWith("http_5", StringComparison.Ordinal);
            return transient ? PostResult.Transient(exception.Message) : PostResult.Permanent(exception.Message);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutException)
        {
            return PostResult.Transient(exception.Message);
        }
    }
}
