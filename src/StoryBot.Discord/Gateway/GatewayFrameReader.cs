using System.Text.Json;
using Microsoft.Extensions.Logging;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Gateway;

/// <summary>
/// Reads one connection's frames until it must end: dispatches go to
/// <see cref="GatewayDispatcher"/> (which only queues them) and advance the checkpoint; the
/// Gateway's heartbeat requests and ACKs go to the <see cref="Heartbeater"/>; RECONNECT and
/// INVALID_SESSION end the connection with what the next one should do. READY and RESUMED make
/// the shard ready (<see cref="ShardReadiness"/>). Every shard's dispatches go to the same handlers.
/// </summary>
/// <param name="logger">Shares the client's category, so one log filter still shows every Gateway line.</param>
internal sealed class GatewayFrameReader(GatewayDispatcher dispatcher, ILogger<GatewayClient> logger)
{
    /// <summary>Reads until the connection must end; a healthy connection reached READY or RESUMED.</summary>
    /// <param name="stopping">For what a dispatch starts: a journal write must outlive a dropped connection.</param>
    public async Task<GatewayConnectionEnd> ReadAsync(
        GatewayConnection connection, GatewayShard shard, Heartbeater heartbeater, CancellationToken stopping, CancellationToken cancellationToken)
    {
        var healthy = false;
        while (true)
        {
            var frame = await connection.ReceiveAsync(cancellationToken);
            if (frame.IsClose)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return new GatewayConnectionEnd(GatewayCloseCodes.NextAfter(frame.CloseCode), healthy, frame.CloseCode);
            }

            if (frame.IsUnreadable)
            {
                return new GatewayConnectionEnd(GatewayNext.Resume, healthy, null) { Reason = "a frame that is not readable JSON" };
            }

            var payload = frame.Data;
            switch (payload.Int("op"))
            {
                case GatewayOpcode.Dispatch:
                    if (await DispatchAsync(payload, shard, stopping, cancellationToken))
                    {
                        healthy = true;
                        shard.Readiness.SessionReady(heartbeater);
                    }

                    break;
                case GatewayOpcode.Heartbeat:
                    await heartbeater.BeatNowAsync(cancellationToken);
                    break;
                case GatewayOpcode.HeartbeatAck:
                    heartbeater.Acknowledge();
                    break;
                case GatewayOpcode.Reconnect:
                    logger.LogInformation("Discord Gateway asked shard {Shard} to reconnect", shard.Id);
                    return new GatewayConnectionEnd(GatewayNext.Resume, healthy, null) { Reason = "reconnect requested" };
                case GatewayOpcode.InvalidSession:
                    var resumable = payload.Child("d") is { ValueKind: JsonValueKind.True };
                    logger.LogInformation("Discord Gateway invalidated the session of shard {Shard} (resumable: {Resumable})", shard.Id, resumable);
                    return resumable
                        ? new GatewayConnectionEnd(GatewayNext.Resume, healthy, null) { Reason = "resumable invalid session" }
                        : new GatewayConnectionEnd(GatewayNext.Identify, healthy, null) { WaitBeforeIdentify = true, Reason = "invalid session" };
            }
        }
    }

    /// <returns>Whether the dispatch was READY or RESUMED, which makes the connection healthy.</returns>
    private async Task<bool> DispatchAsync(JsonElement payload, GatewayShard shard, CancellationToken stopping, CancellationToken cancellationToken)
    {
        var (session, checkpoint) = (shard.Session, shard.Checkpoint);
        var sequence = GatewayPayload.Sequence(payload);
        if (sequence is { } seen)
        {
            session.Observe(seen);
        }

        var type = payload.String("t");
        var data = payload.Child("d") ?? default;
        var healthy = false;
        if (type == "READY")
        {
            session.Start(data.String("session_id") ?? string.Empty, data.String("resume_gateway_url") ?? string.Empty);
            checkpoint.Begin(session.SessionId!, session.ResumeUrl!);
            logger.LogInformation("Discord Gateway shard {Shard} ready (session started)", shard.Id);
            healthy = true;
        }
        else if (type == "RESUMED")
        {
            logger.LogInformation("Discord Gateway session of shard {Shard} resumed", shard.Id);
            healthy = true;
        }

        var takenIn = dispatcher.Dispatch(type, data, stopping);
        if (sequence is { } tracked)
        {
            checkpoint.Track(tracked, takenIn);
        }

        if (type == "READY")
        {
            // Until this is written, a crash would leave the last session's checkpoint,
            // and the messages of this one that were not yet journaled would be lost.
            await checkpoint.SaveAsync(cancellationToken);
        }

        return healthy;
    }
}
