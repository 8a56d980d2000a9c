using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StoryBot.Core.Conversation;
using StoryBot.Discord.Conversation;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Posting;

/// <summary>
/// Hands answers that post into a channel to the work queue in that channel's turn: the channel's
/// rate-limit bucket (learned from Discord's headers) is taken for the post before it joins the
/// queue, and while the bucket is spent the post waits on a timer in the channel's line rather
/// than in one of the queue's workers, so a channel with a long line never holds up the others.
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
    public void EnqueueInTurn(string channelId, int messages, string description, Func<CancellationToken, Task> post)
    {
        var route = DiscordMessageSender.CreateRoute(channelId);
        _turns.Enqueue(channelId, description, () => limiter.TryTake(route, messages), post);
    }
}
