using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace StoryBot.State.Storage;

/// <summary>
/// Every <see cref="StorageOptions.SpillTakeoverInterval"/>, and as soon as the store is reachable
/// again after an outage, takes over the files of state writes that no running process holds.
/// <see cref="StateWriteReplayService"/> does so at start only: an instance sharing the data
/// directory that crashes and is never started again would otherwise leave its writes waiting for
/// as long as this one runs, and one that crashed during the outage a whole interval after it.
/// One loop runs both, so two takeovers never run at once.
/// </summary>
internal sealed class StateWriteTakeoverService(
    DeferredStateWrites deferred,
    StoreReachability reachability,
    IOptions<StorageOptions> options,
    TimeProvider time) : BackgroundService
{
    private PeriodicTimer? _timer;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Counted from the start, not from whenever the loop first runs on the thread pool.
        _timer = new PeriodicTimer(options.Value.SpillTakeoverInterval, time);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = _timer ?? throw new InvalidOperationException("Not started.");
        try
        {
            // A timer's wait may be asked for only once at a time: one that has not ticked yet is kept.
            var tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();

            // Asked for before each look, so a return during the look brings another.
            var storeBack = reachability.NextReturn;
            while (true)
            {
                await Task.WhenAny(tick, storeBack.WaitAsync(stoppingToken));
                stoppingToken.ThrowIfCancellationRequested();
                if (tick.IsCompleted)
                {
                    if (!await tick)
                    {
                        return;
                    }

                    tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
                }

                if (storeBack.IsCompleted)
                {
                    storeBack = reachability.NextReturn;
                }

                await deferred.TakeOverLeftOverAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what another process left waits for the next start or another instance.
        }
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }
}
