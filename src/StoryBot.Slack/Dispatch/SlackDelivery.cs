using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StoryBot.Slack.WebApi;

namespace StoryBot.Slack.Dispatch;

/// <summary>
/// Hands replies to the work queue. A post into a channel takes the channel's next turn at once and
/// joins the queue only when that turn comes, so a channel with a long line of answers waits on a
/// timer and never holds one of the queue's workers: other channels' answers go out meanwhile.
/// </summary>
internal sealed partial class SlackDelivery(
    ChannelPacer pacer,
    SlackWorkQueue queue,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<SlackDelivery> logger)
{
    /// <summary>Work that posts nowhere paced (a response_url reply): queued now.</summary>
    public void Enqueue(string description, Func<CancellationToken, Task> work) => queue.TryEnqueue(description, work);

    /// <summary>Work whose one paced call is into <paramref name="channelId"/>; it must make that call with its turn already taken.</summary>
    public void EnqueueInTurn(string channelId, string description, Func<CancellationToken, Task> post)
    {
        var wait = pacer.Reserve(channelId);
        if (wait <= TimeSpan.Zero)
        {
            queue.TryEnqueue(description, post);
            return;
        }

        _ = EnqueueAtTurnAsync(wait, description, post);
    }

    private async Task EnqueueAtTurnAsync(TimeSpan wait, string description, Func<CancellationToken, Task> post)
    {
        try
        {
            await Task.Delay(wait, time, lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException)
        {
            // Stopping: an acknowledged request stays unfinished in the journal and is answered at the next start.
            LogStoppedBeforeTurn(description);
            return;
        }

        queue.TryEnqueue(description, post);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack {Work} was waiting for its channel's turn when the host stopped")]
    private partial void LogStoppedBeforeTurn(string work);
}
