using Microsoft.Extensions.Logging;
using StoryBot.Discord.Configuration;

namespace StoryBot.Discord.Gateway;

/// <summary>
/// Honours the identify limits for every shard of this process: shards of one bucket
/// (<c>shard_id % max_concurrency</c>) identify at most once per <see cref="DiscordTimings.IdentifyWindow"/>,
/// shards of different buckets at the same time; and no shard identifies once the daily budget
/// is spent (exceeding it resets the bot token) until it resets. Turns are handed out as they are
/// asked for, so shards waiting in one bucket go in order without racing for a slot.
/// </summary>
internal sealed class IdentifyLimiter(DiscordTimings timings, TimeProvider time, ILogger<IdentifyLimiter> logger)
{
    /// <summary>Discord's identify budget is per 24 hours.</summary>
    private static readonly TimeSpan BudgetWindow = TimeSpan.FromDays(1);

    /// <summary>Two answers whose resets lie further apart than this describe different windows.</summary>
    private static readonly TimeSpan SameWindow = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<int, DateTimeOffset> _nextTurn = [];
    private bool _known;
    private int? _remaining;
    private int? _total;
    private DateTimeOffset _resetAt;

    /// <summary>Waits for the shard's turn, then counts its identify against the budget.</summary>
    public async Task WaitAsync(GatewayInfo info, ShardId shard, CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            Learn(info);
            var earliest = now;
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
            var key = shard.RateLimitKey(info.MaxConcurrency);
            var turn = _nextTurn.TryGetValue(key, out var next) && next > earliest ? next : earliest;
            _nextTurn[key] = turn + timings.IdentifyWindow;
            wait = turn - now;
        }

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
