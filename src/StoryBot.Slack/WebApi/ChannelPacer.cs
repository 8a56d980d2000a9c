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

    public async Task WaitTurnAsync(string channelId, CancellationToken cancellationToken)
    {
        var interval = options.Value.ChannelPostInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        var slot = _slots.GetOrAdd(channelId, _ => new Slot());
        TimeSpan wait;
        lock (slot)
        {
            // Reserve the next free moment for this caller, then wait outside the lock.
            var now = time.GetUtcNow();
            var start = slot.NextFree > now ? slot.NextFree : now;
            slot.NextFree = start + interval;
            wait = start - now;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private sealed class Slot
    {
        public DateTimeOffset NextFree { get; set; }
    }
}
