using Microsoft.Extensions.Hosting;

namespace StoryBot.Core.Conversation;

/// <summary>
/// Writes a reply need not wait for, such as the curators' tally of unanswered questions: each starts
/// at once, so writes arriving together share one commit, and is awaited where it must be durable,
/// before <c>ask --json</c> ends a batch and before the host stops. Awaited one by one, a batch of
/// questions the story does not answer spent a disk sync on each.
/// </summary>
public sealed class PendingWrites : IHostedService
{
    private readonly TaskSet _pending = new();

    /// <summary>Keeps <paramref name="write"/> until it ends; it must handle its own failures.</summary>
    public void Track(Task write)
    {
        ArgumentNullException.ThrowIfNull(write);
        _pending.Add(write);
    }

    /// <summary>Ends once every write tracked so far has ended.</summary>
    public Task WhenAllAsync(CancellationToken cancellationToken) => _pending.WhenAll().WaitAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await WhenAllAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Past the shutdown timeout: what has not landed is lost with the process.
        }
    }
}
