using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Slack.Configuration;

namespace StoryBot.Slack.Dispatch;

/// <summary>
/// Runs request handlers away from socket receive loops and HTTP acknowledgements, a bounded number
/// at a time, so a slow answer never delays an ack or a keep-alive.
/// </summary>
internal sealed class SlackWorkQueue(IOptions<SlackOptions> options, ILogger<SlackWorkQueue> logger) : BackgroundService
{
    private readonly Channel<WorkItem> _items = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = false });

    /// <summary>Queues <paramref name="work"/>; returns false once the host is stopping.</summary>
    public bool Enqueue(string description, Func<CancellationToken, Task> work) =>
        _items.Writer.TryWrite(new WorkItem(description, work));

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(0, options.Value.HandlerConcurrency).Select(_ => RunWorkerAsync(stoppingToken));
        return Task.WhenAll(workers);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _items.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task RunWorkerAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in _items.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await item.Work(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // One failing request must never stop the worker.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    logger.LogError(exception, "Slack {Work} failed", item.Description);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
    }

    private sealed record WorkItem(string Description, Func<CancellationToken, Task> Work);
}
