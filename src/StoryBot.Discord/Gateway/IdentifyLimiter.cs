using Microsoft.Extensions.Logging;
using StoryBot.Discord.Configuration;

namespace StoryBot.Discord.Gateway;

/// <summary>
/// Honours the identify limits: <c>max_concurrency</c> identifies per 5 s, and no identify at
/// all once the daily budget is spent (exceeding it resets the bot token).
/// </summary>
internal sealed class IdentifyLimiter(DiscordTimings timings, TimeProvider time, ILogger<IdentifyLimiter> logger)
{
    private readonly Queue<DateTimeOffset> _recent = new();

    public async Task WaitAsync(GatewayInfo info, CancellationToken cancellationToken)
    {
        if (info.Remaining is <= 0)
        {
            logger.LogWarning("The daily Discord identify budget is spent; waiting {ResetAfter} before identifying", info.ResetAfter);
            await Task.Delay(info.ResetAfter, time, cancellationToken);
        }

        while (true)
        {
            TimeSpan wait;
            lock (_recent)
            {
                var now = time.GetUtcNow();
                while (_recent.Count > 0 && now - _recent.Peek() >= timings.IdentifyWindow)
                {
                    _recent.Dequeue();
                }

                if (_recent.Count < info.MaxConcurrency)
                {
                    _recent.Enqueue(now);
                    return;
                }

                wait = _recent.Peek() + timings.IdentifyWindow - now;
            }

            await Task.Delay(wait, time, cancellationToken);
        }
    }
}
