using Microsoft.Extensions.Logging;
using StoryBot.Core.Conversation;
using StoryBot.Slack.Inbound;
using StoryBot.Slack.Rendering;
using StoryBot.Slack.WebApi;

namespace StoryBot.Slack.Handling;

/// <summary>
/// The app's Home tab: published (<c>views.publish</c>) for each user who opens it, in their
/// language and with their rights, and remembered so <see cref="SlackHomeRefresh"/> can publish it
/// again when what it shows changes.
/// </summary>
internal sealed partial class SlackAppHome(
    StoryOverviewComposer overviews,
    SlackRequests requests,
    SlackHomeViewers viewers,
    SlackApiClient api,
    ILogger<SlackAppHome> logger)
{
    public async Task OpenedAsync(SlackEvent opened, WorkTicket ticket, CancellationToken cancellationToken)
    {
        if (opened.UserId is { Length: > 0 } user)
        {
            var channel = opened.ChannelId ?? string.Empty;
            viewers.Opened(user, channel);
            await TryPublishAsync(user, channel, cancellationToken);
        }

        await ticket.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// Publishes the user's Home tab as it is now. A failure (Slack refusing, the store down for the
    /// reports count) is logged: the tab keeps what it showed, and the next opening tries again.
    /// </summary>
    public async Task TryPublishAsync(string userId, string channelId, CancellationToken cancellationToken)
    {
        try
        {
            // Asked like a request from the user's direct messages with the app, which the Home tab
            // sits beside. Nothing has to be acknowledged in time here, so the tab waits for the language.
            var viewer = await requests.ForAsync(channelId, userId, string.Empty, ChannelKind.Direct, cancellationToken, unhurried: true);
            var overview = await overviews.ComposeAsync(viewer, cancellationToken);
            await api.PublishViewAsync(userId, SlackHomeView.Build(overview), cancellationToken);
        }
#pragma warning disable CA1031 // Whatever failed, the tab stays as it was; the reason goes to the log.
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogPublishFailed(exception, userId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish the Home tab of Slack user {UserId}")]
    private partial void LogPublishFailed(Exception exception, string userId);
}
