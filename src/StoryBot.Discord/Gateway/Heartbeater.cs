using Microsoft.Extensions.Logging;

namespace StoryBot.Discord.Gateway;

/// <summary>
/// Keeps one connection alive: the first beat after a random share of the interval (so many
/// clients reconnecting together do not beat in step), then one per interval. A beat sent while
/// the previous one is still unacknowledged means the connection is a zombie.
/// </summary>
/// <param name="firstBeat">The wait before the first beat: a random share of <paramref name="interval"/>.</param>
/// <remarks>More than five constructor parameters on purpose: two of its parameters are the interval and first beat Discord sent in HELLO: values for this one connection, not services.</remarks>
internal sealed class Heartbeater(GatewayConnection connection, GatewaySession session, TimeSpan interval, TimeSpan firstBeat, TimeProvider time, ILogger logger)
{
    private int _awaitingAck;

    // Timestamps on the clock, 0 for none: read by readiness probes on other threads.
    private long _unacknowledgedSince;
    private long _lastAcknowledged;

    public TimeSpan Interval => interval;

    /// <summary>How long the beat now waiting for its ACK has waited; null when none waits.</summary>
    public TimeSpan? Unacknowledged => Since(Interlocked.Read(ref _unacknowledgedSince));

    /// <summary>How long ago the last ACK arrived; null before the first.</summary>
    public TimeSpan? SinceAcknowledged => Since(Interlocked.Read(ref _lastAcknowledged));

    /// <summary>Beats until cancelled; returns (true) as soon as the connection turns out a zombie.</summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(firstBeat, time, cancellationToken);
            while (true)
            {
                if (Interlocked.Exchange(ref _awaitingAck, 1) == 1)
                {
                    logger.LogWarning("No heartbeat ACK from the Discord Gateway within {Interval}; reconnecting to resume", interval);
                    return true;
                }

                // Before sending: the ACK can come back before the send returns.
                Interlocked.Exchange(ref _unacknowledgedSince, time.GetTimestamp());
                await connection.SendAsync(GatewayOpcode.Heartbeat, session.Sequence, cancellationToken);
                await Task.Delay(interval, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or InvalidOperationException or ObjectDisposedException)
        {
            // The socket is gone; the receive loop sees the same and reconnects.
            logger.LogDebug("Heartbeat not sent: {Error}", ex.Message);
            return false;
        }
    }

    public void Acknowledge()
    {
        Interlocked.Exchange(ref _awaitingAck, 0);
        Interlocked.Exchange(ref _unacknowledgedSince, 0);
        Interlocked.Exchange(ref _lastAcknowledged, time.GetTimestamp());
    }

    /// <summary>The Gateway asked for a beat now (op 1).</summary>
    public Task BeatNowAsync(CancellationToken cancellationToken) =>
        connection.SendAsync(GatewayOpcode.Heartbeat, session.Sequence, cancellationToken);

    private TimeSpan? Since(long timestamp) => timestamp == 0 ? null : time.GetElapsedTime(timestamp);
}
