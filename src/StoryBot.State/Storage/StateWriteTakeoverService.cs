using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace StoryBot.State.Storage;

/// <summary>
/// Every <see cref="StorageOptions.SpillTakeoverInterval"/>, takes over the files of state writes
/// that no running process holds. <see cref="StateWriteReplayService"/> does so at start only: an
/// instance sharing the data directory that crashes and is never started again would otherwise
/// leave its writes waiting for as long as this one runs.
/// </summary>
internal sealed class StateWriteTakeoverService(DeferredStateWrites deferred, IOptions<StorageOptions> options, TimeProvider time) : BackgroundService
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
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                deferred.TakeOverLeftOver();
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
