using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace StoryBot.Discord.Conversation;

/// <summary>
/// Work handed off by the Gateway receive loop and the HTTP endpoint (answering, deferred edits,
/// recording), so a slow answer never delays a heartbeat or an HTTP response. Interactions have
/// a lane of their own: their first response is due within 3 s, so they never wait for a slot
/// behind messages whose answers or posts are slow.
/// </summary>
internal sealed class DiscordWorkQueue
{
    private readonly Channel<Func<CancellationToken, Task>> _items =
        Channel.CreateUnbounded<Func<CancellationToken, Task>>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Channel<Func<CancellationToken, Task>> _interactions =
        Channel.CreateUnbounded<Func<CancellationToken, Task>>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(Func<CancellationToken, Task> work) => Write(_items, work);

    /// <summary>Work that answers an interaction: started at once, whatever else is running.</summary>
    public void EnqueueInteraction(Func<CancellationToken, Task> work) => Write(_interactions, work);

    public ChannelReader<Func<CancellationToken, Task>> Reader => _items.Reader;

    public ChannelReader<Func<CancellationToken, Task>> InteractionReader => _interactions.Reader;

    private static void Write(Channel<Func<CancellationToken, Task>> channel, Func<CancellationToken, Task> work)
    {
        if (!channel.Writer.TryWrite(work))
        {
            throw new InvalidOperationException("The Discord work queue is closed");
        }
    }
}

/// <summary>
/// Runs queued work, a failing item logged, never fatal: other work with bounded parallelism,
/// interactions without waiting for a slot.
/// </summary>
internal sealed class DiscordWorkerService(DiscordWorkQueue queue, ILogger<DiscordWorkerService> logger) : BackgroundService
{
    private const int MaxParallel = 32;

    private readonly HashSet<Task> _running = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(MaxParallel);
        await Task.WhenAll(DrainAsync(queue.Reader, slots, stoppingToken), DrainAsync(queue.InteractionReader, null, stoppingToken));

        Task[] pending;
        lock (_running)
        {
            pending = [.. _running];
        }

        await Task.WhenAll(pending);
    }

    private async Task DrainAsync(ChannelReader<Func<CancellationToken, Task>> reader, SemaphoreSlim? slots, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var work in reader.ReadAllAsync(stoppingToken))
            {
                if (slots is not null)
                {
                    await slots.WaitAsync(stoppingToken);
                }

                var task = RunAsync(work, slots, stoppingToken);
                lock (_running)
                {
                    _running.Add(task);
                }

                _ = task.ContinueWith(
                    t =>
                    {
                        lock (_running)
                        {
                            _running.Remove(t);
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
    }

    private async Task RunAsync(Func<CancellationToken, Task> work, SemaphoreSlim? slots, CancellationToken stoppingToken)
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
            slots?.Release();
        }
    }
}
