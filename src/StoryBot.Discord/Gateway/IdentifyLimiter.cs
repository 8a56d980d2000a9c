using Microsoft.Extensions.Logging;
using StoryBot.Core.Platforms;
using StoryBot.Discord.Configuration;

namespace StoryBot.Discord.Gateway;

/// <summary>
/// Honours the identify limits for every shard of this process: shards of one bucket
/// (<c>shard_id % max_concurrency</c>) identify at most once per <see cref="DiscordTimings.IdentifyWindow"/>,
/// shards of different buckets at the same time; and no shard identifies once the daily budget
/// is spent (exceeding it resets the bot token) until it resets. Turns are handed out as they are
/// asked for, so shards waiting in one bucket go in order without racing for a slot; with a shared
/// state store they come from <see cref="ISpacedTurns"/> there, so processes that split the shards
/// take turns with each other too (each reads the budget from Discord itself).
/// </summary>
internal sealed class IdentifyLimiter(DiscordTimings timings, ISpacedTurns turns, TimeProvider time, ILogger<IdentifyLimiter> logger)
{
    /// <summary>Discord's identify budget is per 24 hours.</summary>
    private static readonly TimeSpan BudgetWindow = TimeSpan.FromDays(1);

    /// <summary>Two answers whose resets lie further apart than this describe different windows.</summary>
    private static readonly TimeSpan SameWindow = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private bool _known;
    private int? _remaining;
    private int? _total;
    private DateTimeOffset _resetAt;

    /// <summary>Waits for the shard's turn, then counts its identify against the budget.</summary>
    public async Task WaitAsync(GatewayInfo info, ShardId shard, CancellationToken cancellationToken)
    {
        DateTimeOffset earliest;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            Learn(info);
            earliest = now;
            if (_remaining is <= 0)
            {
                if (_resetAt > now)
                {
                    earliest = _resetAt;
                    logger.LogWarning("The daily Discord identify budget is spent; shards that must identify wait {ResetAfter} for it to reset", _resetAt - now);
                }

                (_remaining, _resetAt) = (_total, earliest + BudgetWindow);
            }

            _remaining--;
        }

        // The bucket's name holds max_concurrency too: with another, the same shard is in another bucket.
        var bucket = $"discord:identify:{info.MaxConcurrency}:{shard.RateLimitKey(info.MaxConcurrency)}";
        var turn = await turns.ClaimAsync(bucket, earliest, timings.IdentifyWindow, cancellationToken);
        var wait = turn - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>
    /// Takes in what <c>GET /gateway/bot</c> said. Within one window the lower count wins: the
    /// identifies this process sent since the answer count too. An answer from a window that has
    /// reset since (a reused one) says nothing.
    /// </summary>
    private void Learn(GatewayInfo info)
    {
        if (!_known || info.ResetAt > _resetAt + SameWindow)
        {
            (_known, _remaining, _total, _resetAt) = (true, info.Remaining, info.Total, info.ResetAt);
        }
        else if (info.ResetAt >= _resetAt - SameWindow && info.Remaining is { } remaining)
        {
            _remaining = _remaining is { } counted ? Math.Min(counted, remaining) : remaining;
        }
    }
}
