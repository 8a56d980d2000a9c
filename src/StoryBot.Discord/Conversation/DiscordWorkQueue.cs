using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace StoryBot.Discord.Conversation;

/// <summary>
/// Work handed off by the Gateway receive loop and the HTTP endpoint (answering, deferred edits,
/// recording), so a slow answer never delays a heartbeat or an HTTP response.
/// </summary>
internal sealed class DiscordWorkQueue
{
    private readonly Channel<Func<CancellationToken, Task>> _items =
        Channel.CreateUnbounded<Func<CancellationToken, Task>>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(Func<CancellationToken, Task> work)
    {
        if (!_items.Writer.TryWrite(work))
        {
            throw new InvalidOperationException("The Discord work queue is closed");
        }
    }

    public ChannelReader<Func<CancellationToken, Task>> Reader => _items.Reader;
}

/// <summary>Runs queued work with bounded parallelism; a failing item is logged, never fatal.</summary>
internal sealed class DiscordWorkerService(DiscordWorkQueue queue, ILogger<DiscordWorkerService> logger) : BackgroundService
{
    private const int MaxParallel = 32;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(MaxParallel);
        var running = new HashSet<Task>();
        try
        {
            await foreach (var work in queue.Reader.ReadAllAsync(stoppingToken))
            {
                await slots.WaitAsync(stoppingToken);
                var task = RunAsync(work, slots, stoppingToken);
                lock (running)
                {
                    running.Add(task);
                }

                _ = task.ContinueWith(
                    t =>
                    {
                        lock (running)
                        {
                            running.Remove(t);
                        }
                    },
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        Task[] pending;
        lock (running)
        {
            pending = [.. running];
        }

        await Task.WhenAll(pending);
    }

    private async Task RunAsync(Func<CancellationToken, Task> work, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield();
            await work(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "A Discord event handler failed");
        }
        finally
        {
            slots.Release();
        }
    }
}
