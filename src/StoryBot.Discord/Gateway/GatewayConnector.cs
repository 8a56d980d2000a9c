using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using StoryBot.Discord.Configuration;

namespace StoryBot.Discord.Gateway;

/// <summary>
/// Runs one connection from opening to close: the handshake, a <see cref="Heartbeater"/> for as
/// long as it lasts, and the frames until it must end. A zombie found by the heartbeat drops the
/// socket but keeps the session, so the next connection resumes.
/// </summary>
/// <param name="logger">Shares the client's category, so one log filter still shows every Gateway line.</param>
internal sealed class GatewayConnector(
    GatewayHandshake handshake,
    GatewayFrameReader reader,
    DiscordTimings timings,
    TimeProvider time,
    ILogger<GatewayClient> logger)
{
    public async Task<GatewayConnectionEnd> RunAsync(GatewaySession session, CancellationToken stopping)
    {
        var target = await handshake.LocateAsync(session, stopping);
        await using var connection = await GatewayConnection.ConnectAsync(target.Url, stopping);
        using var connectionScope = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var hello = await handshake.ReceiveHelloAsync(connection, connectionScope.Token);
        if (hello.IsClose)
        {
            return new GatewayConnectionEnd(GatewayCloseCodes.NextAfter(hello.CloseCode), false, hello.CloseCode);
        }

        var interval = GatewayPayload.HeartbeatInterval(hello.Data);
        var heartbeater = new Heartbeater(connection, session, interval, interval * timings.Jitter(), time, logger);
        var heartbeat = BeatAsync(heartbeater, connectionScope);

        try
        {
            await handshake.IntroduceAsync(connection, session, target, connectionScope.Token);
            var end = await reader.ReadAsync(connection, session, heartbeater, stopping, connectionScope.Token);
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

    /// <summary>Ends the connection's reading when the heartbeat finds it a zombie.</summary>
    private static async Task BeatAsync(Heartbeater heartbeater, CancellationTokenSource connectionScope)
    {
        if (await heartbeater.RunAsync(connectionScope.Token))
        {
            await connectionScope.CancelAsync();
        }
    }
}
