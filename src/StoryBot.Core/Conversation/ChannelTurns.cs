using Microsoft.Extensions.Logging;
using StoryBot.Core.Telemetry;

namespace StoryBot.Core.Conversation;

/// <summary>
/// Work that posts into a channel a platform paces (Slack's one message a second, Discord's
/// rate-limit buckets) waits here for the channel's turn, on a timer and in one line per channel,
/// and joins its <see cref="WorkLane"/> only once the turn is taken. A channel with a long line so
/// never holds one of the lane's workers, and other channels' answers go out meanwhile. A line
/// keeps the order its work was handed in. When the host stops, work still in line is left
/// alone: its request stays unfinished in the work journal and is answered at the next start.
/// Work in a line counts in its lane's depth, and its wait is timed as a rate-limit wait.
/// </summary>
/// <param name="stopping">The host's stopping token: once cancelled, nothing waiting joins the lane.</param>
public sealed partial class ChannelTurns(WorkLane lane, TimeProvider time, ILogger logger, CancellationToken stopping)
{
    private readonly Dictionary<string, Queue<Waiting>> _lines = new(StringComparer.Ordinal);

    /// <summary>Queues <paramref name="work"/> in <paramref name="channel"/>'s line.</summary>
    /// <param name="takeTurn">
    /// Takes the channel's turn for this work and returns zero, or takes nothing and returns how
    /// long until a turn may be free. Asked again each time that wait ends, so a turn something
    /// else took meanwhile is waited for too.
    /// </param>
    /// <param name="work">Runs on the lane with its turn taken.</param>
    public void Enqueue(string channel, string description, Func<TimeSpan> takeTurn, Func<CancellationToken, Task> work) =>
        Enqueue(channel, description, takeTurn, work, left: null);

    /// <summary>
    /// As <see cref="Enqueue(string, string, Func{TimeSpan}, Func{CancellationToken, Task})"/>, for a
    /// caller that needs the work's result (a summary, a correction): it awaits the returned task,
    /// which no worker runs for it, while the work waits in the channel's line like an answer.
    /// </summary>
    /// <param name="cancellationToken">
    /// The caller's: once it has given up, the work does nothing when its turn comes, and the task
    /// is cancelled. So is it when the host stops before the work's turn.
    /// </param>
    public Task<T> RunInTurnAsync<T>(
        string channel, string description, Func<TimeSpan> takeTurn, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(
            channel,
            description,
            takeTurn,
            async laneToken =>
            {
                using var either = CancellationTokenSource.CreateLinkedTokenSource(laneToken, cancellationToken);
                try
                {
                    either.Token.ThrowIfCancellationRequested();
                    done.TrySetResult(await work(either.Token));
                }
                catch (OperationCanceledException canceled)
                {
                    done.TrySetCanceled(canceled.CancellationToken);
                }
                catch (Exception exception)
                {
                    done.TrySetException(exception);
                }
            },
            left: () => done.TrySetCanceled(stopping));
        return done.Task.WaitAsync(cancellationToken);
    }

    /// <param name="left">Called when the work will not run: the host stopped before its turn, or the lane took no more.</param>
    private void Enqueue(string channel, string description, Func<TimeSpan> takeTurn, Func<CancellationToken, Task> work, Action? left)
    {
        ArgumentNullException.ThrowIfNull(takeTurn);
        var waiting = new Waiting(description, takeTurn, work, RequestTrace.Current, time.GetTimestamp(), left);
        Queue<Waiting> line;
        TimeSpan wait;
        lock (_lines)
        {
            if (_lines.TryGetValue(channel, out var existing))
            {
                existing.Enqueue(waiting);
                lane.NoteWaitingForTurn(1);
                return;
            }

            wait = takeTurn();
            if (wait <= TimeSpan.Zero)
            {
                Join(waiting);
                return;
            }

            lane.NoteWaitingForTurn(1);
            line = new Queue<Waiting>();
            line.Enqueue(waiting);
            _lines[channel] = line;
        }

        _ = WaitInLineAsync(channel, line, wait);
    }

    private async Task WaitInLineAsync(string channel, Queue<Waiting> line, TimeSpan wait)
    {
        while (true)
        {
            try
            {
                await Task.Delay(wait, time, stopping);
            }
            catch (OperationCanceledException)
            {
                LeaveLine(channel, line);
                return;
            }

            while (true)
            {
                Waiting? head;
                lock (_lines)
                {
                    if (!line.TryPeek(out head))
                    {
                        _lines.Remove(channel);
                        return;
                    }

                    wait = head.TakeTurn();
                    if (wait > TimeSpan.Zero)
                    {
                        break;
                    }

                    line.Dequeue();
                }

                lane.NoteWaitingForTurn(-1);
                lane.Telemetry?.RateLimitWaited(lane.Platform, StoryBotTelemetry.RateLimitScopes.ChannelTurn, time.GetElapsedTime(head.Since));
                Join(head);
            }
        }
    }

    private void Join(Waiting waiting)
    {
        if (!lane.TryEnqueue(waiting.Description, waiting.Work, waiting.Trace))
        {
            waiting.Left?.Invoke();
        }
    }

    private void LeaveLine(string channel, Queue<Waiting> line)
    {
        lock (_lines)
        {
            _lines.Remove(channel);
            foreach (var waiting in line)
            {
                lane.NoteWaitingForTurn(-1);
                LogStoppedBeforeTurn(lane.Name, waiting.Description);
                waiting.Left?.Invoke();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Lane} {Work} was waiting for its channel's turn when the host stopped")]
    private partial void LogStoppedBeforeTurn(string lane, string work);

    /// <param name="Trace">The request the work belongs to, captured when it was handed in: the line's timer does not carry it.</param>
    /// <param name="Since">When it was handed in, a <see cref="TimeProvider"/> timestamp.</param>
    /// <param name="Left">Called when the work will not run after all.</param>
    private sealed record Waiting(string Description, Func<TimeSpan> TakeTurn, Func<CancellationToken, Task> Work, RequestTrace? Trace, long Since, Action? Left);
}
