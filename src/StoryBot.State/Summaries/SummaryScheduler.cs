using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StoryBot.State.Summaries;

/// <summary>
/// Wakes at the next slot of any schedule (or a pending retry), handles every slot that is due,
/// and sleeps again. All waiting goes through the <see cref="TimeProvider"/>, so tests drive it
/// with a fake clock.
/// </summary>
internal sealed class SummaryScheduler : BackgroundService
{
    // Re-evaluating at least hourly keeps the loop right if the system clock is stepped.
    private static readonly TimeSpan MaxSleep = TimeSpan.FromHours(1);

    // How far back a pass looks beyond the catch-up window: enough to record the slots missed
    // during a day of downtime as skipped, without replaying history.
    private static readonly TimeSpan LookBack = TimeSpan.FromDays(1);

    // A schedule firing every minute must not turn a long look-back into thousands of queries.
    private const int MaxSlotsPerPass = 64;

    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(5);

    private readonly SummariesOptions _options;
    private readonly IReadOnlyList<SummarySchedule> _schedules;
    private readonly SummarySlotWorker _worker;
    private readonly ScheduledSummaryPoster _poster;
    private readonly TimeProvider _time;
    private readonly ILogger<SummaryScheduler> _logger;

    public SummaryScheduler(
        IOptions<SummariesOptions> options,
        SummarySlotWorker worker,
        ScheduledSummaryPoster poster,
        TimeProvider time,
        ILogger<SummaryScheduler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _schedules = SummarySchedule.ReadAll(_options.Schedules).Schedules;
        _worker = worker;
        _poster = poster;
        _time = time;
        _logger = logger;
    }

    /// <summary>Who this instance is in the ledger's <c>owner</c> column.</summary>
    public string Instance => _worker.Owner;

    /// <summary>Raised after each pass with the instant of the next wake; lets tests advance the clock in step.</summary>
    internal event Action<DateTimeOffset>? Sleeping;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        SummaryLog.Started(_logger, _schedules.Count, Instance, _options.CatchUpWindow);
        foreach (var schedule in _schedules.Where(s => !_poster.CanPostTo(s.Platform)))
        {
            SummaryLog.NoPoster(_logger, schedule.Name, schedule.Platform);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = _time.GetUtcNow();
            await RunPassAsync(now, stoppingToken);

            var wake = NextWake(now);
            var delay = Task.Delay(wake - now, _time, stoppingToken);
            Sleeping?.Invoke(wake);
            try
            {
                await delay;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }

        await ReleaseAsync();
    }

    private async Task ReleaseAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(ReleaseTimeout, _time);
            await _worker.ReleaseWaitingClaimsAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Not handing a claim back only delays its successor until the lease runs out.
            SummaryLog.ReleaseFailed(_logger, ex.GetType().Name, ex.Message);
        }
    }

    private async Task RunPassAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var horizon = now - _options.CatchUpWindow - LookBack;
        foreach (var schedule in _schedules)
        {
            var slots = SummarySlots.Between(schedule, horizon, now).TakeLast(MaxSlotsPerPass).ToList();
            await _worker.HandleAsync(schedule, slots, now, cancellationToken);
        }

        _worker.Forget(horizon - TimeSpan.FromHours(1));
    }

    private DateTimeOffset NextWake(DateTimeOffset now)
    {
        var wake = now + MaxSleep;
        foreach (var schedule in _schedules)
        {
            if (SummarySlots.Next(schedule, now) is { } next && next.Utc < wake)
            {
                wake = next.Utc;
            }
        }

        if (_worker.NextWake(now) is { } worker && worker < wake)
        {
            wake = worker;
        }

        // Never spin: a wake in the past means "as soon as possible", not a busy loop.
        return wake > now ? wake : now + TimeSpan.FromSeconds(1);
    }
}
