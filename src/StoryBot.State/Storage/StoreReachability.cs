using Microsoft.Extensions.Logging;

namespace StoryBot.State.Storage;

/// <summary>
/// Whether the state store answered its last call. An outage is logged twice, when it starts and
/// when it ends, however many calls fail in between: during an outage every answer would
/// otherwise add a line.
/// </summary>
public sealed partial class StoreReachability(TimeProvider time, ILogger<StoreReachability> logger)
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _downSince;
    private long _failedCalls;
    private long _outages;
    private volatile bool _reachable = true;
    private TaskCompletionSource _returned = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReachable => _reachable;

    /// <summary>How many outages have begun: a call notes it before it starts, for <see cref="Succeeded"/>.</summary>
    internal long Outages => Interlocked.Read(ref _outages);

    /// <summary>
    /// Completes when the store is next found reachable after an outage (the one under way, or a
    /// later one): the first call that succeeds then, a state write or a health probe, says so.
    /// </summary>
    internal Task NextReturn
    {
        get
        {
            lock (_gate)
            {
                return _returned.Task;
            }
        }
    }

    /// <summary>When the current outage began; null while the store is reachable.</summary>
    public DateTimeOffset? DownSince
    {
        get
        {
            lock (_gate)
            {
                return _downSince;
            }
        }
    }

    internal void Failed(Exception cause)
    {
        lock (_gate)
        {
            _failedCalls++;
            if (_downSince is not null)
            {
                return;
            }

            _downSince = time.GetUtcNow();
            _reachable = false;
            Interlocked.Increment(ref _outages);
        }

        // Only the provider's message: the exception's data could carry the connection string.
        LogUnreachable(cause.GetType().Name, cause.Message);
    }

    /// <param name="outagesWhenBegun"><see cref="Outages"/> when the call began. A call that began before the
    /// outage and ends well (on a connection opened earlier, say) says nothing of whether the store
    /// can be reached now: taking it for the end would log the outage as over and begun again.</param>
    internal void Succeeded(long outagesWhenBegun)
    {
        if (_reachable)
        {
            return;
        }

        TimeSpan lasted;
        long failed;
        TaskCompletionSource returned;
        lock (_gate)
        {
            if (_downSince is not { } since || Outages != outagesWhenBegun)
            {
                return;
            }

            lasted = time.GetUtcNow() - since;
            failed = _failedCalls;
            _downSince = null;
            _failedCalls = 0;
            _reachable = true;
            returned = _returned;
            _returned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        LogReachableAgain(lasted, failed);
        returned.TrySetResult();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The state store cannot be reached ({Kind}: {Reason}); answering goes on, state writes wait and are retried")]
    private partial void LogUnreachable(string kind, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The state store is reachable again after {Outage}; {FailedCalls} calls failed meanwhile")]
    private partial void LogReachableAgain(TimeSpan outage, long failedCalls);
}
