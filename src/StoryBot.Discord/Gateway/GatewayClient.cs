using Microsoft.Extensions.Logging;
using StoryBot.Core.Telemetry;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Conversation;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Gateway;

/// <summary>
/// Keeps one shard's Gateway session alive across connections: restores it from the shard's
/// checkpoint, runs one connection after another (<see cref="GatewayConnector"/>), and decides
/// after each whether to resume, identify afresh or stop, and how long to wait first. Each shard
/// this process runs has its own (<see cref="GatewayShards"/>).
/// </summary>
/// <remarks>Seven constructor parameters on purpose: the loop that outlives every connection keeps the shard's session, checkpoint and readiness, honours the platform switch, and waits between connections by the Gateway's timings and clock, counting each reconnect; one connection's own work is the connector's.</remarks>
internal sealed class GatewayClient(
    GatewayShard shard,
    GatewayConnector connector,
    DiscordPlatformStatus status,
    DiscordTimings timings,
    StoryBotTelemetry telemetry,
    TimeProvider time,
    ILogger<GatewayClient> logger)
{
    private readonly GatewaySession _session = shard.Session;
    private readonly GatewayCheckpoint _checkpoint = shard.Checkpoint;
    private readonly ShardReadiness _readiness = shard.Readiness;

    /// <returns>How the Gateway ended the shard for good, or null when it stopped with the host.</returns>
    public async Task<GatewayConnectionEnd?> RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, status.DisabledToken);
        var stopping = linked.Token;
        if (await _checkpoint.RestoreAsync(stopping) is { } saved)
        {
            _session.Start(saved.SessionId, saved.ResumeGatewayUrl);
            _session.Observe(saved.Seq);
        }

        // Saving ends with the connection loop, which also ends for good on a fatal close code.
        using var connected = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var saving = _checkpoint.RunAsync(connected.Token);
        try
        {
            return await ConnectUntilStoppedAsync(stopping);
        }
        finally
        {
            await connected.CancelAsync();
            await saving;
        }
    }

    private async Task<GatewayConnectionEnd?> ConnectUntilStoppedAsync(CancellationToken stopping)
    {
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            GatewayConnectionEnd end;
            try
            {
                end = await connector.RunAsync(shard, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                _readiness.NotReady("stopping");
                return null;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Discord Gateway connection of shard {Shard} failed: {Error}", shard.Id, ex.Message);
                end = new GatewayConnectionEnd(GatewayNext.Resume, Healthy: false, CloseCode: null) { Reason = "connection failed" };
            }

            if (end.Next == GatewayNext.Stop)
            {
                Stop(end);
                return end;
            }

            if (stopping.IsCancellationRequested)
            {
                _readiness.NotReady("stopping");

                // Closed with 1000 on the way out (Discord:CloseSessionOnStop): no run can resume it.
                if (end.Next == GatewayNext.Identify)
                {
                    ForgetSession();
                    logger.LogInformation("Discord Gateway shard {Shard}: session ended (1000) on stop", shard.Id);
                }

                return null;
            }

            if (end.Next == GatewayNext.Identify)
            {
                ForgetSession();
            }

            failures = end.Healthy ? 0 : failures + 1;

            // A resume address that keeps failing may be gone: fall back to a fresh session.
            if (failures >= 3 && _session.CanResume)
            {
                ForgetSession();
            }

            var delay = ReconnectDelay(failures, end.WaitBeforeIdentify);
            var action = _session.CanResume ? "resume" : "identify";
            var reason = end.Reason ?? GatewayCloseCodes.Describe(end.CloseCode);
            _readiness.NotReady($"no session: the connection ended ({reason}); reconnecting to {action}");
            telemetry.Reconnecting(DiscordPlatform.Name, action);
            logger.LogInformation("Discord Gateway shard {Shard} reconnecting in {Delay} to {Action} ({Reason})", shard.Id, delay, action, reason);
            try
            {
                await Task.Delay(delay, time, stopping);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }

        return null;
    }

    private void Stop(GatewayConnectionEnd end)
    {
        // Discord ended the session with the connection: nothing is left to resume.
        ForgetSession();
        var reason = $"the Discord Gateway closed with {end.CloseCode} ({GatewayCloseCodes.Describe(end.CloseCode)}); not reconnecting";
        _readiness.NotReady($"stopped: {reason}");
        if (end.CloseCode == GatewayCloseCodes.AuthenticationFailed)
        {
            status.Disable(reason);
        }
        else if (end.CloseCode == GatewayCloseCodes.ShardingRequired)
        {
            // What comes next depends on how shards are chosen: GatewayShards says it.
            logger.LogWarning("Discord Gateway shard {Shard} stopped: {Reason}", shard.Id, reason);
        }
        else
        {
            logger.LogError("Discord Gateway shard {Shard} stopped: {Reason}. The rest of StoryBot keeps running.", shard.Id, reason);
        }
    }

    private TimeSpan ReconnectDelay(int failures, bool waitBeforeIdentify)
    {
        var delay = failures == 0
            ? timings.ReconnectBase * timings.Jitter()
            : Backoff.Jittered(timings.ReconnectBase, timings.ReconnectCap, failures - 1);
        if (waitBeforeIdentify)
        {
            delay += timings.InvalidSessionMinWait + ((timings.InvalidSessionMaxWait - timings.InvalidSessionMinWait) * timings.Jitter());
        }

        return delay;
    }

    private void ForgetSession()
    {
        _session.Reset();
        _checkpoint.Forget();
    }
}
