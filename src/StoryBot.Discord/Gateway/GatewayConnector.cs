using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Discord.Configuration;

namespace StoryBot.Discord.Gateway;

/// <summary>
/// Runs one connection of a shard from opening to close: the handshake, a <see cref="Heartbeater"/>
/// for as long as it lasts, and the frames until it must end. A zombie found by the heartbeat drops
/// the socket but keeps the session, so the next connection resumes. On stop the session is kept
/// for the next run, or, with <see cref="DiscordOptions.CloseSessionOnStop"/>, ended with close 1000
/// once what Discord had already sent is taken in.
/// </summary>
/// <param name="logger">Shares the client's category, so one log filter still shows every Gateway line.</param>
/// <remarks>Six constructor parameters on purpose: one connection's handshake, frames and heartbeat, and whether a stop ends its session; timings, clock and logger are ambient.</remarks>
internal sealed class GatewayConnector(
    GatewayHandshake handshake,
    GatewayFrameReader reader,
    IOptions<DiscordOptions> options,
    DiscordTimings timings,
    TimeProvider time,
    ILogger<GatewayClient> logger)
{
    public async Task<GatewayConnectionEnd> RunAsync(GatewayShard shard, CancellationToken stopping)
    {
        var session = shard.Session;
        var target = await handshake.LocateAsync(session, stopping);
        await using var connection = await GatewayConnection.ConnectAsync(target.Url, stopping);

        // Ending the session on stop, reading outlives the stop: cancelling a read would abort the
        // socket before the close handshake, and a dispatch read then must still be journaled.
        var endsSessionOnStop = options.Value.CloseSessionOnStop;
        using var connectionScope = endsSessionOnStop
            ? new CancellationTokenSource(Timeout.InfiniteTimeSpan, time)
            : CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var takingIn = endsSessionOnStop ? CancellationToken.None : stopping;
        var closing = endsSessionOnStop ? CloseWhenStoppingAsync(shard.Id, connection, connectionScope, stopping) : Task.CompletedTask;
        GatewayConnectionEnd? EndedByStop(bool healthy) => SessionEnded(endsSessionOnStop && stopping.IsCancellationRequested, healthy);
        try
        {
            var hello = await handshake.ReceiveHelloAsync(connection, connectionScope.Token);
            if (hello.IsClose)
            {
                return EndedByStop(healthy: false)
                    ?? new GatewayConnectionEnd(GatewayCloseCodes.NextAfter(hello.CloseCode), false, hello.CloseCode);
            }

            var interval = GatewayPayload.HeartbeatInterval(hello.Data);
            var heartbeater = new Heartbeater(connection, session, interval, interval * timings.Jitter(), time, logger);
            var heartbeat = BeatAsync(heartbeater, connectionScope);
            try
            {
                await handshake.IntroduceAsync(connection, shard, target, connectionScope.Token);
                var end = await reader.ReadAsync(connection, shard, heartbeater, takingIn, connectionScope.Token);
                if (EndedByStop(end.Healthy) is { } ended)
                {
                    return ended;
                }

                await connection.CloseAsync(end.Next == GatewayNext.Identify ? (int)WebSocketCloseStatus.NormalClosure : GatewayCloseCodes.ClientResuming, CancellationToken.None);
                return end;
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                // The heartbeat found a zombie: drop the socket without ending the session.
                await connection.CloseAsync(GatewayCloseCodes.ClientResuming, CancellationToken.None);
                return new GatewayConnectionEnd(GatewayNext.Resume, Healthy: true, CloseCode: null) { Reason = "zombie connection" };
            }
            finally
            {
                await connectionScope.CancelAsync();
                await heartbeat;
            }
        }
        catch (OperationCanceledException) when (endsSessionOnStop && stopping.IsCancellationRequested)
        {
            // Discord did not finish the close handshake in time; the close frame was sent all the same.
            return EndedByStop(healthy: true)!;
        }
        finally
        {
            await connectionScope.CancelAsync();
            await closing;
        }
    }

    /// <summary>The end of a connection closed with 1000 on stop: the session is over, so it is not resumed.</summary>
    private static GatewayConnectionEnd? SessionEnded(bool closedOnStop, bool healthy) =>
        closedOnStop ? new GatewayConnectionEnd(GatewayNext.Identify, healthy, (int)WebSocketCloseStatus.NormalClosure) { Reason = "stopping" } : null;

    /// <summary>
    /// When the host stops: sends close 1000 and gives Discord <see cref="DiscordTimings.CloseHandshakeTimeout"/>
    /// to send the rest of what it had and its own close frame, which ends the reading.
    /// </summary>
    private async Task CloseWhenStoppingAsync(ShardId shard, GatewayConnection connection, CancellationTokenSource connectionScope, CancellationToken stopping)
    {
        var stoppedOrEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (stopping.Register(() => stoppedOrEnded.TrySetResult()))
        using (connectionScope.Token.Register(() => stoppedOrEnded.TrySetResult()))
        {
            await stoppedOrEnded.Task;
        }

        if (connectionScope.IsCancellationRequested)
        {
            return;
        }

        logger.LogInformation("Stopping: closing the Discord Gateway session of shard {Shard} (1000) once Discord has sent what it had", shard);
        connectionScope.CancelAfter(timings.CloseHandshakeTimeout);
        await connection.SendCloseAsync((int)WebSocketCloseStatus.NormalClosure, connectionScope.Token);
    }

    /// <summary>Ends the connection's reading when the heartbeat finds it a zombie.</summary>
    private static async Task BeatAsync(Heartbeater heartbeater, CancellationTokenSource connectionScope)
    {
        if (await heartbeater.RunAsync(connectionScope.Token))
        {
            await connectionScope.CancelAsync();
        }
    }
}
