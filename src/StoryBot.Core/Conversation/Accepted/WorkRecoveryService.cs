using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace StoryBot.Core.Conversation;

/// <summary>
/// At start, answers what an earlier run acknowledged and did not finish (a crash, a kill, a stop
/// that ran out of time), through the platform's <see cref="IWorkResumer"/>; requests whose platform
/// no longer takes an answer are counted in the log and closed. Then, now and again, forgets
/// completed requests once they are too old to be replayed.
/// </summary>
public sealed partial class WorkRecoveryService(
    IWorkJournal journal,
    IEnumerable<IWorkResumer> resumers,
    TimeProvider time,
    ILogger<WorkRecoveryService> logger) : BackgroundService
{
    /// <summary>Completed keys are kept this long: well past the platforms' five-minute signature freshness.</summary>
    public static readonly TimeSpan ReplayMemory = TimeSpan.FromHours(1);

    private static readonly TimeSpan ForgetEvery = TimeSpan.FromMinutes(10);

    private readonly Dictionary<string, IWorkResumer> _resumers = resumers.ToDictionary(r => r.Platform, StringComparer.Ordinal);

    /// <summary>Completes once the unfinished work of the last run has been handed back to the platforms.</summary>
    public Task Resumed => _resumed.Task;

    private readonly TaskCompletionSource _resumed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private IReadOnlyList<AcceptedWork> _lastRun = [];

    /// <summary>
    /// Reads what the last run left unfinished before the platforms start: hosted services start in
    /// order (this one is added before the platforms' connections, the web endpoints start last),
    /// while <see cref="ExecuteAsync"/> runs in the background. Read there, a request this run had
    /// just accepted could be taken for the last run's and answered twice.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _lastRun = await journal.UnfinishedAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ResumeUnfinishedAsync(_lastRun, stoppingToken);
        }
        finally
        {
            _resumed.TrySetResult();
        }

        using var timer = new PeriodicTimer(ForgetEvery, time);
        do
        {
            try
            {
                await journal.ForgetCompletedBeforeAsync(time.GetUtcNow() - ReplayMemory, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogForgetFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task ResumeUnfinishedAsync(IReadOnlyList<AcceptedWork> unfinished, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        int resumed = 0, expired = 0, unknown = 0;
        foreach (var work in unfinished)
        {
            if (work.AnswerBy <= now)
            {
                expired++;
                await journal.CompleteAsync(work.Key, stoppingToken);
            }
            else if (_resumers.TryGetValue(work.Platform, out var resumer))
            {
                resumed++;
                await resumer.ResumeAsync(new WorkTicket(journal, work), stoppingToken);
            }
            else
            {
                // That platform is not configured in this run: kept for a run that has it.
                unknown++;
            }
        }

        if (unfinished.Count > 0)
        {
            LogResumed(resumed, expired, unknown);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Unfinished requests from the last run: {Resumed} answered now, {Expired} expired unanswered (the platform no longer takes the answer), {Unknown} kept for a platform not configured now")]
    private partial void LogResumed(int resumed, int expired, int unknown);

    [LoggerMessage(Level = LogLevel.Error, Message = "Forgetting old completed requests failed; trying again later")]
    private partial void LogForgetFailed(Exception exception);
}
