using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StoryBot.Core.Conversation;
using StoryBot.Slack.WebApi;

namespace StoryBot.Slack.Dispatch;

/// <summary>
/// Hands replies to the work queue. A post into a channel joins the queue only in the channel's
/// turn, waiting for it on a timer in the channel's line (<see cref="ChannelTurns"/>), so a channel
/// with a long line of answers never holds one of the queue's workers: other channels' answers go
/// out meanwhile. The bot's other posts into a channel (summaries, corrections) wait in the same
/// line, awaited by their callers rather than by a worker.
/// </summary>
internal sealed class SlackDelivery(
    ChannelPacer pacer,
    SlackWorkQueue queue,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<SlackDelivery> logger)
{
    private readonly ChannelTurns _turns = new(queue, time, logger, lifetime.ApplicationStopping);

    /// <summary>Work whose one paced call is into <paramref name="channelId"/>; it must make that call with its turn already taken.</summary>
    public void EnqueueInTurn(string channelId, string description, Func<CancellationToken, Task> post) =>
        _turns.Enqueue(channelId, description, TakeTurn(channelId), post);

    /// <summary>
    /// As <see cref="EnqueueInTurn"/>, for a caller that awaits the post's result
    /// (<see cref="ChannelTurns.RunInTurnAsync"/>).
    /// </summary>
    public Task<T> PostInTurnAsync<T>(string channelId, string description, Func<CancellationToken, Task<T>> post, CancellationToken cancellationToken) =>
        _turns.RunInTurnAsync(channelId, description, TakeTurn(channelId), post, cancellationToken);

    private Func<TimeSpan> TakeTurn(string channelId) => () => pacer.TryTake(channelId);
}
