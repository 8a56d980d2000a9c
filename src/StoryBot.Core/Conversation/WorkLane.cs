using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace StoryBot.Core.Conversation;

/// <summary>
/// Work an adapter hands off from a receive loop, an acknowledgement or an HTTP response (answering,
/// posting, recording), so that a slow answer never delays a heartbeat or an ack. Items start in the
/// order they came, at most <c>maxParallel</c> at once; a failing item is logged and never stops the
/// lane. Once the host stops, nothing new is taken and the items already running are awaited.
/// </summary>
public abstract partial class WorkLane : BackgroundService
{
    private readonly Channel<WorkItem> _items = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<Task> _running = [];
    private readonly string _name;
    private readonly int _maxParallel;
    private readonly ILogger _logger;

    /// <param name="name">Names the lane in logs ("Slack", "Discord interactions").</param>
    /// <param name="maxParallel">Items running at once; <see cref="int.MaxValue"/> starts each at once.</param>
    protected WorkLane(string name, int maxParallel, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallel, 1);
        _name = name;
        _maxParallel = maxParallel;
        _logger = logger;
    }

    /// <summary>Queues <paramref name="work"/>; false once the host is stopping, and the work is not run.</summary>
    public bool TryEnqueue(string description, Func<CancellationToken, Task> work)
    {
        if (_items.Writer.TryWrite(new WorkItem(description, work)))
        {
            return true;
        }

        LogDropped(_name, description);
        return false;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _items.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = _maxParallel == int.MaxValue ? null : new SemaphoreSlim(_maxParallel);
        try
        {
            await foreach (var item in _items.Reader.ReadAllAsync(stoppingToken))
            {
                if (slots is not null)
                {
                    await slots.WaitAsync(stoppingToken);
                }

                Track(RunAsync(item, slots, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping: what is running finishes below.
        }

        Task[] running;
        lock (_running)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running);
    }

    private void Track(Task task)
    {
        lock (_running)
        {
            _running.Add(task);
        }

        _ = task.ContinueWith(
            finished =>
            {
                lock (_running)
                {
                    _running.Remove(finished);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task RunAsync(WorkItem item, SemaphoreSlim? slots, CancellationToken stoppingToken)
    {
        try
        {
            // Off the reader's thread at once, so one item's synchronous start never delays the next.
            await Task.Yield();
            await item.Work(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
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
            slots?.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Lane} {Work} failed")]
    private partial void LogFailed(Exception exception, string lane, string work);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Lane} {Work} dropped: the host is stopping")]
    private partial void LogDropped(string lane, string work);

    private sealed record WorkItem(string Description, Func<CancellationToken, Task> Work);
}
