using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StoryBot.Slack.Configuration;

namespace StoryBot.Slack.WebApi;

/// <summary>
/// Spaces the bot's messages in one channel (Slack allows about one a second per channel), so a
/// burst of questions queues politely instead of collecting 429s.
/// </summary>
internal sealed class ChannelPacer(IOptions<SlackOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>Waits for, and takes, the channel's next free moment.</summary>
    public async Task WaitTurnAsync(string channelId, CancellationToken cancellationToken)
    {
        var wait = Reserve(channelId);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>
    /// Takes the channel's next free moment without waiting for it.
    /// </summary>
    /// <returns>How long until that moment; the caller waits, wherever waiting costs it least.</returns>
    public TimeSpan Reserve(string channelId)
    {
        var interval = options.Value.ChannelPostInterval;
        if (interval <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var slot = _slots.GetOrAdd(channelId, _ => new Slot());
        lock (slot)
        {
            var now = time.GetUtcNow();
            var start = slot.NextFree > now ? slot.NextFree : now;
            slot.NextFree = start + interval;
            return start - now;
        }
    }

    private sealed class Slot
    {
        public DateTimeOffset NextFree { get; set; }
    }
}
