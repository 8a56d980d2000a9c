using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.State.Storage;

namespace StoryBot.State.Moderation;

/// <summary>
/// Forgets answers and unanswered questions older than <c>Moderation:AnswerRetention</c>, at start
/// and then every <c>PurgeInterval</c>.
/// </summary>
internal sealed class RetentionPurgeService(
    AnswerLog answers,
    UnansweredLog unanswered,
    IOptions<ModerationStateOptions> options,
    TimeProvider time,
    ILogger<RetentionPurgeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, time);
        do
        {
            try
            {
                var cutoff = time.GetUtcNow() - options.Value.AnswerRetention;
                var purged = await answers.PurgeOlderThanAsync(cutoff, stoppingToken);
                purged += await unanswered.PurgeOlderThanAsync(cutoff, stoppingToken);
                if (purged > 0)
                {
                    logger.LogInformation("Forgot {Count} answer(s) and unanswered question(s) from before {Cutoff:O}", purged, cutoff);
                }
            }
            catch (StateUnavailableException) when (!stoppingToken.IsCancellationRequested)
            {
                // Tried again at the next interval; the outage itself is logged once, by StoreReachability.
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(exception, "Purging expired answers failed; trying again at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
