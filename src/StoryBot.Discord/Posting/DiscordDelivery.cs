using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StoryBot.Core.Conversation;
using StoryBot.Discord.Conversation;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Posting;

/// <summary>
/// Hands work that posts into a channel to the work queue in that channel's turn: the channel's
/// rate-limit bucket (learned from Discord's headers) is taken for the post before it joins the
/// queue, and while the bucket is spent the post waits on a timer in the channel's line rather
/// than in one of the queue's workers, so a channel with a long line never holds up the others.
/// Answers are handed in and left; the bot's other posts (summaries, corrections) are awaited by
/// their callers, who wait on the line too, not on a worker.
/// </summary>
internal sealed class DiscordDelivery(
    DiscordRateLimiter limiter,
    DiscordWorkQueue queue,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<DiscordDelivery> logger)
{
    private readonly ChannelTurns _turns = new(queue, time, logger, lifetime.ApplicationStopping);

    /// <summary>
    /// Work that creates <paramref name="messages"/> messages in <paramref name="channelId"/>; it
    /// must send them with its turn taken.
    /// </summary>
    public void EnqueueInTurn(string channelId, int messages, string description, Func<CancellationToken, Task> post) =>
        _turns.Enqueue(channelId, description, TakeTurn(DiscordMessageSender.CreateRoute(channelId), messages), post);

    /// <summary>
    /// As <see cref="EnqueueInTurn"/>, for a caller that awaits the post's result
    /// (<see cref="ChannelTurns.RunInTurnAsync"/>).
    /// </summary>
    public Task<T> PostInTurnAsync<T>(
        string channelId, int messages, string description, Func<CancellationToken, Task<T>> post, CancellationToken cancellationToken) =>
        _turns.RunInTurnAsync(channelId, description, TakeTurn(DiscordMessageSender.CreateRoute(channelId), messages), post, cancellationToken);

    /// <summary>Work that edits message <paramref name="messageId"/> of <paramref name="channelId"/>, in the turn of the channel's bucket for edits.</summary>
    public Task EditInTurnAsync(
        string channelId, string messageId, string description, Func<CancellationToken, Task> edit, CancellationToken cancellationToken) =>
        _turns.RunInTurnAsync(
            channelId,
            description,
            TakeTurn(DiscordMessageSender.EditRoute(channelId, messageId), 1),
            async token =>
            {
                await edit(token);
                return true;
            },
            cancellationToken);

    private Func<TimeSpan> TakeTurn(DiscordRoute route, int requests) => () => limiter.TryTake(route, requests);
}
