using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StoryBot.Core.Telemetry;

namespace StoryBot.Core.Conversation;

/// <summary>
/// Work an adapter hands off from a receive loop, an acknowledgement or an HTTP response (answering,
/// posting, recording), so that a slow answer never delays a heartbeat or an ack. Items start in the
/// order they came, at most <c>maxParallel</c> at once; a failing item is logged and never stops the
/// lane. Once the host stops, nothing new is taken, and what was queued and is running is finished
/// (drained) until the host's shutdown timeout; what is left then is cancelled, and stays in the work
/// journal to be answered at the next start. Each item continues the trace and log scope of the
/// request that handed it off (<see cref="RequestTrace"/>) in a <c>work</c> span.
/// </summary>
public abstract partial class WorkLane : BackgroundService
{
    private readonly Channel<WorkItem> _items = Channel.CreateUnbounded<WorkItem>();
    private readonly TaskSet _running = new();
    private readonly CancellationTokenSource _abandon = new();
    private readonly Lock _starting = new();
    private bool _stopping;
    private int _inHand;
    private int _waitingForTurn;
    private readonly string _name;
    private readonly int _maxParallel;
    private readonly ILogger _logger;

    /// <param name="name">Names the lane in logs ("Slack", "Discord interactions").</param>
    /// <param name="maxParallel">Items running at once; <see cref="int.MaxValue"/> starts each at once.</param>
    /// <param name="telemetry">Shows the lane's depth in the queue-depth gauge, and times the waits for a channel's turn.</param>
    /// <param name="platform">The platform whose work the lane runs, as the gauge tags it.</param>
    protected WorkLane(string name, int maxParallel, ILogger logger, StoryBotTelemetry? telemetry = null, string platform = "")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallel, 1);
        _name = name;
        _maxParallel = maxParallel;
        _logger = logger;
        Platform = platform;
        Telemetry = telemetry;
        telemetry?.Observe(this);
    }

    /// <summary>Names the lane in logs.</summary>
    public string Name => _name;

    /// <summary>The platform whose work the lane runs.</summary>
    public string Platform { get; }

    internal StoryBotTelemetry? Telemetry { get; }

    /// <summary>Work waiting for its channel's turn (<see cref="ChannelTurns"/>), queued, and running, at this moment.</summary>
    public (int WaitingForTurn, int Queued, int Running) Depth =>
        (Volatile.Read(ref _waitingForTurn), _items.Reader.Count, Volatile.Read(ref _inHand));

    internal void NoteWaitingForTurn(int change) => Interlocked.Add(ref _waitingForTurn, change);

    /// <summary>
    /// Cancelled only once the host's shutdown timeout has passed, as the lane's own work is: for
    /// work begun outside the lane that a drained item of it waits for (a deferred answer).
    /// </summary>
    public CancellationToken Abandoned => _abandon.Token;

    /// <summary>Queues <paramref name="work"/>; false once the host is stopping, and the work is not run.</summary>
    public bool TryEnqueue(string description, Func<CancellationToken, Task> work) => TryEnqueue(description, work, RequestTrace.Current);

    /// <summary>Queues <paramref name="work"/> as part of the request <paramref name="trace"/> names (captured where it was handed in).</summary>
    public bool TryEnqueue(string description, Func<CancellationToken, Task> work, RequestTrace? trace)
    {
        if (_items.Writer.TryWrite(new WorkItem(description, work, trace)))
        {
            return true;
        }

        LogDropped(_name, description);
        return false;
    }

    /// <summary>
    /// Starts <paramref name="work"/> at once beside the queue, for work that has to begin within a
    /// platform's acknowledgement budget, and drains it on stop like queued work; false once the
    /// host is stopping, and the work is not run.
    /// </summary>
    public bool TryStart(string description, Func<CancellationToken, Task> work)
    {
        lock (_starting)
        {
            // Under the lock with the stop: whatever starts is in the set the stop waits for.
            if (!_stopping)
            {
                var item = new WorkItem(description, work, RequestTrace.Current);
                _running.Add(Task.Run(() => RunAsync(item, _abandon.Token), CancellationToken.None));
                return true;
            }
        }

        LogDropped(_name, description);
        return false;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_starting)
        {
            _stopping = true;
        }

        _items.Writer.TryComplete();
        if (ExecuteTask is { } draining)
        {
            try
            {
                await draining.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                LogAbandoned(_name, _items.Reader.Count + Volatile.Read(ref _inHand));
                await _abandon.CancelAsync();
            }
        }

        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _abandon.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    // The host's stopping token is not the items' token: a stopping host lets them finish, and
    // cancels them only once its shutdown timeout has passed.
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_maxParallel == int.MaxValue)
        {
            await StartEachAtOnceAsync(_abandon.Token);
            return;
        }

        await Task.WhenAll(Enumerable.Range(0, _maxParallel).Select(_ => WorkAsync(_abandon.Token)));
        await _running.WhenAll();
    }


    /// <summary>
    /// One of the lane's workers: takes the next item as soon as it is done with one, with no hop
    /// through a dispatcher, so that on a busy thread pool the lane's work is not starved by the
    /// acknowledgements it was handed off from.
    /// </summary>
    private async Task WorkAsync(CancellationToken abandoned)
    {
        try
        {
            await Task.Yield();
            await foreach (var item in _items.Reader.ReadAllAsync(abandoned))
            {
                await RunAsync(item, abandoned);
            }
        }
        catch (OperationCanceledException) when (abandoned.IsCancellationRequested)
        {
            // Past the shutdown timeout: what was still queued stays in the work journal.
        }
    }

    private async Task StartEachAtOnceAsync(CancellationToken abandoned)
    {
        try
        {
            await foreach (var item in _items.Reader.ReadAllAsync(abandoned))
            {
                _running.Add(Task.Run(() => RunAsync(item, abandoned), CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (abandoned.IsCancellationRequested)
        {
            // Past the shutdown timeout: what is running ends below, cancelled.
        }

        await _running.WhenAll();
    }

    private async Task RunAsync(WorkItem item, CancellationToken abandoned)
    {
        Interlocked.Increment(ref _inHand);
        using var continued = Continue(item);
        try
        {
            await item.Work(abandoned);
        }
        catch (OperationCanceledException) when (abandoned.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // One failing item must never stop the lane.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogFailed(exception, _name, item.Description);
        }
        finally
        {
            Interlocked.Decrement(ref _inHand);
        }
    }

    /// <summary>Takes up the trace and log scope of the request the item belongs to, for as long as it runs.</summary>
    private ContinuedRequest? Continue(WorkItem item)
    {
        if (item.Trace is not { } trace)
        {
            return null;
        }

        var activity = trace.Parent == default
            ? null
            : StoryBotTelemetry.Source.StartActivity(StoryBotTelemetry.Spans.Work, ActivityKind.Internal, trace.Parent);
        if (activity is not null)
        {
            activity.SetTag(StoryBotTelemetry.Tags.Lane, _name);
            activity.SetTag(StoryBotTelemetry.Tags.Work, item.Description);
        }

        var outer = RequestScope.Current;
        RequestScope.Current = trace.Scope;
        return new ContinuedRequest(activity, trace.Scope is null ? null : _logger.BeginScope(trace.Scope), outer);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Lane} {Work} failed")]
    private partial void LogFailed(Exception exception, string lane, string work);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Lane}: {Count} items were not finished within the host's shutdown timeout and were cancelled; acknowledged ones are answered at the next start")]
    private partial void LogAbandoned(string lane, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Lane} {Work} dropped: the host is stopping")]
    private partial void LogDropped(string lane, string work);

    private sealed record WorkItem(string Description, Func<CancellationToken, Task> Work, RequestTrace? Trace);

    private sealed class ContinuedRequest(Activity? activity, IDisposable? logScope, RequestScope? outer) : IDisposable
    {
        public void Dispose()
        {
            RequestScope.Current = outer;
            logScope?.Dispose();
            activity?.Dispose();
        }
    }
}
