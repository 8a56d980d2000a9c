using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.State.Moderation;
using StoryBot.State.Storage;

namespace StoryBot.State.Corrections;

/// <summary>
/// Works the durable correction queue in the background: right after a disable on this
/// instance, when a retry falls due, and on a regular poll (work queued by another instance,
/// or left over from before a restart).
/// </summary>
internal sealed class CorrectionWorker(
    CorrectionProcessor processor,
    CorrectionSignal signal,
    IOptions<ModerationStateOptions> options,
    TimeProvider time,
    ILogger<CorrectionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.CorrectionPollInterval;
            try
            {
                await processor.RunDueAsync(stoppingToken);

                if (await processor.NextDueAsync(stoppingToken) is { } next)
                {
                    var untilDue = next - time.GetUtcNow();
                    wait = untilDue < wait ? untilDue : wait;
                }
            }
            catch (StateUnavailableException) when (!stoppingToken.IsCancellationRequested)
            {
                // Tried again after the wait; the outage itself is logged once, by StoreReachability.
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(exception, "The correction queue could not be worked; trying again in {Wait}", wait);
            }

            await WaitAsync(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, stoppingToken);
        }
    }

    private async Task WaitAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        using var woken = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var nudged = signal.WaitAsync(woken.Token);
        var elapsed = Task.Delay(wait, time, woken.Token);
        await Task.WhenAny(nudged, elapsed);
        await woken.CancelAsync();
        try
        {
            await Task.WhenAll(nudged, elapsed);
        }
        catch (OperationCanceledException)
        {
            // One of the two was cancelled by the other finishing, or the host is stopping.
        }
    }
}
