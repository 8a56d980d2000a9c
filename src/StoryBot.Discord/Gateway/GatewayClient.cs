using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Gateway;

/// <summary>
/// Keeps a Gateway session alive across connections: connect, HELLO, IDENTIFY or RESUME, read
/// frames, and decide after each connection whether to resume, identify afresh or stop. Dispatches
/// go to <see cref="GatewayDispatcher"/>, which only queues them: nothing slow runs here.
/// </summary>
/// <remarks>More than five constructor parameters on purpose: the connection loop owns reconnecting, so it needs where to connect, the identify budget, where frames go, what the next run resumes and the platform switch; options, timings, clock and logger factory are settings.</remarks>
internal sealed class GatewayClient(
    GatewayLocator locator,
    IdentifyLimiter identifyLimiter,
    GatewayDispatcher dispatcher,
    GatewayCheckpoint checkpoint,
    DiscordPlatformStatus status,
    IOptions<DiscordOptions> options,
    DiscordTimings timings,
    TimeProvider time,
    ILoggerFactory loggers)
{
    /// <summary>
    /// GUILDS | GUILD_MESSAGES | DIRECT_MESSAGES: no privileged intent. Discord delivers the
    /// content of DMs and of messages that mention the bot without MESSAGE_CONTENT.
    /// </summary>
    public const int Intents = (1 << 0) | (1 << 9) | (1 << 12);

    /// <summary>
    /// Privileged: needed only to read messages in ask channels that do not mention the bot.
    /// It must be switched on for the application, or Discord closes with 4014.
    /// </summary>
    public const int MessageContentIntent = 1 << 15;

    private readonly ILogger _logger = loggers.CreateLogger<GatewayClient>();
    private readonly GatewaySession _session = new();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, status.DisabledToken);
        var stopping = linked.Token;
        if (await checkpoint.RestoreAsync(stopping) is { } saved)
        {
            _session.Start(saved.SessionId, saved.ResumeGatewayUrl);
            _session.Observe(saved.Seq);
        }

        // Saving ends with the connection loop, which also ends for good on a fatal close code.
        using var connected = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var saving = checkpoint.RunAsync(connected.Token);
        try
        {
            await ConnectUntilStoppedAsync(stopping);
        }
        finally
        {
            await connected.CancelAsync();
            await saving;
        }
    }

    private async Task ConnectUntilStoppedAsync(CancellationToken stopping)
    {
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            ConnectionEnd end;
            try
            {
                end = await RunConnectionAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogWarning("Discord Gateway connection failed: {Error}", ex.Message);
                end = new ConnectionEnd(GatewayNext.Resume, Healthy: false, CloseCode: null) { Reason = "connection failed" };
            }

            if (end.Next == GatewayNext.Stop)
            {
                var reason = $"the Discord Gateway closed with {end.CloseCode} ({GatewayCloseCodes.Describe(end.CloseCode)}); not reconnecting";
                if (end.CloseCode == GatewayCloseCodes.AuthenticationFailed)
                {
                    status.Disable(reason);
                }
                else
                {
                    _logger.LogError("Discord Gateway stopped: {Reason}. The rest of StoryBot keeps running.", reason);
                }

                return;
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

            var delay = failures == 0
                ? timings.ReconnectBase * timings.Jitter()
                : Backoff.Jittered(timings.ReconnectBase, timings.ReconnectCap, failures - 1);
            if (end.WaitBeforeIdentify)
            {
                delay += timings.InvalidSessionMinWait + ((timings.InvalidSessionMaxWait - timings.InvalidSessionMinWait) * timings.Jitter());
            }

            _logger.LogInformation(
                "Discord Gateway reconnecting in {Delay} to {Action} ({Reason})",
                delay,
                _session.CanResume ? "resume" : "identify",
                end.Reason ?? GatewayCloseCodes.Describe(end.CloseCode));
            try
            {
                await Task.Delay(delay, time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<ConnectionEnd> RunConnectionAsync(CancellationToken stopping)
    {
        var resuming = _session.CanResume;
        GatewayInfo? info = null;
        Uri url;
        if (resuming)
        {
            url = new Uri(_session.ResumeUrl!);
        }
        else
        {
            info = await locator.LocateAsync(stopping);
            url = info.Url;
        }

        await using var connection = await GatewayConnection.ConnectAsync(url, stopping);
        using var connectionScope = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var hello = await ReceiveHelloAsync(connection, connectionScope.Token);
        if (hello.IsClose)
        {
            return new ConnectionEnd(GatewayCloseCodes.NextAfter(hello.CloseCode), false, hello.CloseCode);
        }

        var interval = GatewayPayload.HeartbeatInterval(hello.Data);
        var heartbeater = new Heartbeater(connection, _session, interval, interval * timings.Jitter(), time, _logger);
        var heartbeat = BeatAsync(heartbeater, connectionScope);

        try
        {
            if (resuming)
            {
                await connection.SendAsync(GatewayOpcode.Resume, new { Token = options.Value.Token, SessionId = _session.SessionId, Seq = _session.Sequence }, connectionScope.Token);
            }
            else
            {
                await identifyLimiter.WaitAsync(info!, connectionScope.Token);
                await connection.SendAsync(GatewayOpcode.Identify, IdentifyPayload(), connectionScope.Token);
            }

            var end = await ReadAsync(connection, heartbeater, stopping, connectionScope.Token);
            await connection.CloseAsync(end.Next == GatewayNext.Identify ? (int)WebSocketCloseStatus.NormalClosure : GatewayCloseCodes.ClientResuming, CancellationToken.None);
            return end;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            // The heartbeat found a zombie: drop the socket without ending the session.
            await connection.CloseAsync(GatewayCloseCodes.ClientResuming, CancellationToken.None);
            return new ConnectionEnd(GatewayNext.Resume, Healthy: true, CloseCode: null) { Reason = "zombie connection" };
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

    private async Task<GatewayFrame> ReceiveHelloAsync(GatewayConnection connection, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(timings.HelloTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var frame = await connection.ReceiveAsync(linked.Token);
        if (!frame.IsClose && frame.Data.Int("op") != GatewayOpcode.Hello)
        {
            throw new InvalidOperationException($"expected HELLO, got op {frame.Data.Int("op")}");
        }

        return frame;
    }

    private void ForgetSession()
    {
        _session.Reset();
        checkpoint.Forget();
    }

    /// <summary>Reads until the connection must end; a healthy connection reached READY or RESUMED.</summary>
    /// <param name="stopping">For what a dispatch starts: a journal write must outlive a dropped connection.</param>
    private async Task<ConnectionEnd> ReadAsync(GatewayConnection connection, Heartbeater heartbeater, CancellationToken stopping, CancellationToken cancellationToken)
    {
        var healthy = false;
        while (true)
        {
            var frame = await connection.ReceiveAsync(cancellationToken);
            if (frame.IsClose)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return new ConnectionEnd(GatewayCloseCodes.NextAfter(frame.CloseCode), healthy, frame.CloseCode);
            }

            if (frame.IsUnreadable)
            {
                return new ConnectionEnd(GatewayNext.Resume, healthy, null) { Reason = "a frame that is not readable JSON" };
            }

            var payload = frame.Data;
            switch (payload.Int("op"))
            {
                case GatewayOpcode.Dispatch:
                    var sequence = GatewayPayload.Sequence(payload);
                    if (sequence is { } seen)
                    {
                        _session.Observe(seen);
                    }

                    var type = payload.String("t");
                    var data = payload.Child("d") ?? default;
                    if (type == "READY")
                    {
                        _session.Start(data.String("session_id") ?? string.Empty, data.String("resume_gateway_url") ?? string.Empty);
                        checkpoint.Begin(_session.SessionId!, _session.ResumeUrl!);
                        _logger.LogInformation("Discord Gateway ready (session started)");
                        healthy = true;
                    }
                    else if (type == "RESUMED")
                    {
                        _logger.LogInformation("Discord Gateway session resumed");
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

                    break;
                case GatewayOpcode.Heartbeat:
                    await heartbeater.BeatNowAsync(cancellationToken);
                    break;
                case GatewayOpcode.HeartbeatAck:
                    heartbeater.Acknowledge();
                    break;
                case GatewayOpcode.Reconnect:
                    _logger.LogInformation("Discord Gateway asked to reconnect");
                    return new ConnectionEnd(GatewayNext.Resume, healthy, null) { Reason = "reconnect requested" };
                case GatewayOpcode.InvalidSession:
                    var resumable = payload.Child("d") is { ValueKind: JsonValueKind.True };
                    _logger.LogInformation("Discord Gateway invalidated the session (resumable: {Resumable})", resumable);
                    return resumable
                        ? new ConnectionEnd(GatewayNext.Resume, healthy, null) { Reason = "resumable invalid session" }
                        : new ConnectionEnd(GatewayNext.Identify, healthy, null) { WaitBeforeIdentify = true, Reason = "invalid session" };
            }
        }
    }

    private object IdentifyPayload() => new
    {
        Token = options.Value.Token,
        Intents = options.Value.AskChannelIds.Count > 0 ? Intents | MessageContentIntent : Intents,
        Properties = new { Os = Environment.OSVersion.Platform.ToString().ToLowerInvariant(), Browser = "StoryBot", Device = "StoryBot" },
        Shard = new[] { 0, 1 },
    };

    private sealed record ConnectionEnd(GatewayNext Next, bool Healthy, int? CloseCode)
    {
        public bool WaitBeforeIdentify { get; init; }

        /// <summary>Why the connection ended, where no close code says it.</summary>
        public string? Reason { get; init; }
    }
}
