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
        var wait = Take(channelId, ahead: true);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>Takes the channel's turn if its next free moment has come; otherwise takes nothing.</summary>
    /// <returns>Zero when taken; else how long until the next free moment.</returns>
    public TimeSpan TryTake(string channelId) => Take(channelId, ahead: false);

    /// <param name="ahead">Take the next free moment however far off it is, rather than only one that has come.</param>
    /// <returns>How long until the moment taken, or, when none was, until the next free one.</returns>
    private TimeSpan Take(string channelId, bool ahead)
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
            if (slot.NextFree > now && !ahead)
            {
                return slot.NextFree - now;
            }

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
