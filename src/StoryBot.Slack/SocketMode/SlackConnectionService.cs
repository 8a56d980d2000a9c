using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Core;
using StoryBot.Core.Telemetry;
using StoryBot.Slack.Configuration;
using StoryBot.Slack.Dispatch;
using StoryBot.Slack.Handling;
using StoryBot.Slack.WebApi;

namespace StoryBot.Slack.SocketMode;

/// <summary>
/// Brings Slack up: learns the bot's user id, then (with an app token) keeps
/// <see cref="SlackOptions.SocketConnections"/> Socket Mode connections open. Each slot replaces its
/// connection before closing it on a refresh (after a backoff when Slack gives a reason it does not
/// document), reconnects after a drop (at once after a connection
/// that had been up a while, with growing backoff while connections keep dying young), and logs
/// every reconnect; <c>link_disabled</c> stops Socket Mode for good. Without a token it finishes
/// at once, and in HTTP mode once it knows the bot's user id.
/// </summary>
/// <remarks>More than five constructor parameters on purpose: opening sockets needs the Web API, the bot's identity, the platform switch and where envelopes go, and which are open is published for readiness; options, telemetry (reconnects), clock and logger are ambient.</remarks>
internal sealed class SlackConnectionService(
    IOptions<SlackOptions> options,
    SlackApiClient api,
    SlackIdentity identity,
    SlackPlatformState platform,
    SocketModeEnvelopeRouter router,
    SocketModeReadiness readiness,
    StoryBotTelemetry telemetry,
    TimeProvider time,
    ILogger<SlackConnectionService> logger) : BackgroundService, IFinishingWorker
{
    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ClosePatience = TimeSpan.FromSeconds(5);

    /// <summary>A connection that lasted this long was a good one: the backoff starts over after it.</summary>
    private static readonly TimeSpan StableConnection = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.IsEnabled)
        {
            return;
        }

        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, platform.Disabled);
        var work = new List<Task> { LearnIdentityAsync(lifetime.Token) };
        if (settings.SocketModeEnabled)
        {
            logger.LogInformation("Slack Socket Mode starting with {Count} connections", settings.SocketConnections);
            work.AddRange(Enumerable.Range(1, settings.SocketConnections).Select(slot => RunSlotAsync(slot, lifetime)));
        }

        await Task.WhenAll(work);
    }

    private async Task LearnIdentityAsync(CancellationToken cancellationToken)
    {
        var backoff = new ReconnectBackoff(options.Value.ReconnectDelay, options.Value.MaxReconnectDelay);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var userId = await api.AuthTestAsync(cancellationToken);
                identity.SetBotUserId(userId);
                logger.LogInformation("Slack bot user is {UserId}", userId);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is SlackApiException or HttpRequestException)
            {
                if (platform.IsDisabled)
                {
                    return;
                }

                var delay = backoff.Next();
                logger.LogWarning("Slack auth.test failed ({Error}); retrying in {Delay}", exception.Message, delay);
                if (!await DelayAsync(delay, cancellationToken))
                {
                    return;
                }
            }
        }
    }

    private async Task RunSlotAsync(int slot, CancellationTokenSource lifetime)
    {
        var cancellationToken = lifetime.Token;
        var backoff = new ReconnectBackoff(options.Value.ReconnectDelay, options.Value.MaxReconnectDelay);
        var connection = await ConnectAsync(slot, backoff, cancellationToken);
        var openedAt = time.GetTimestamp();
        try
        {
            while (connection is not null)
            {
                await Task.WhenAny(connection.Completion, connection.RefreshRequested, Task.Delay(Timeout.Infinite, cancellationToken));
                if (cancellationToken.IsCancellationRequested)
                {
                    readiness.Ended(slot, "stopping");
                    logger.LogDebug("Slack Socket Mode connection {Slot} closing: stopping", slot);
                    await connection.CloseAsync(ClosePatience);
                    logger.LogDebug("Slack Socket Mode connection {Slot} closed", slot);
                    return;
                }

                if (!connection.Completion.IsCompleted)
                {
                    // Slack warned this socket will go: open the replacement first so no envelope waits.
                    var reason = await connection.RefreshRequested;
                    if (!await WaitBeforeReplacingAsync(slot, reason, time.GetElapsedTime(openedAt), backoff, cancellationToken))
                    {
                        continue;
                    }

                    telemetry.Reconnecting(SlackWork.Platform, "refresh");
                    var replacement = await ConnectAsync(slot, backoff, cancellationToken);
                    await connection.CloseAsync(ClosePatience);
                    await connection.DisposeAsync();
                    connection = replacement;
                    openedAt = time.GetTimestamp();
                    continue;
                }

                var end = await connection.Completion;
                readiness.Ended(slot, $"connection {slot} ended ({end.Kind})");
                await connection.DisposeAsync();
                connection = null;
                if (end.Kind == ConnectionEndKind.LinkDisabled)
                {
                    readiness.Stopped("Slack turned Socket Mode off for this app (link_disabled); not reconnecting until a restart");
                    logger.LogError(
                        "Slack turned Socket Mode off for this app (link_disabled); Socket Mode stops and will not reconnect. Turn Socket Mode on in the app settings and restart");
                    await lifetime.CancelAsync();
                    return;
                }

                var lasted = time.GetElapsedTime(openedAt);
                if (lasted >= StableConnection)
                {
                    // Slack drops healthy sockets too: after a good connection, reconnect at once.
                    backoff.Reset();
                    logger.LogWarning("Slack Socket Mode connection {Slot} ended ({Kind}: {Detail}); reconnecting", slot, end.Kind, end.Detail);
                }
                else
                {
                    // Connections that die young (a flapping link, a proxy cutting sockets) must not
                    // turn into a tight loop of apps.connections.open calls.
                    var delay = backoff.Next();
                    logger.LogWarning(
                        "Slack Socket Mode connection {Slot} ended ({Kind}: {Detail}) {Lasted} after it opened; reconnecting in {Delay}",
                        slot, end.Kind, end.Detail, lasted, delay);
                    if (!await DelayAsync(delay, cancellationToken))
                    {
                        return;
                    }
                }

                telemetry.Reconnecting(SlackWork.Platform, "reconnect");
                connection = await ConnectAsync(slot, backoff, cancellationToken);
                openedAt = time.GetTimestamp();
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// A routine refresh is replaced at once. A reason Slack does not document may mean Slack is
    /// refusing the app's connections, so its replacement backs off like a connection that died,
    /// and keeps backing off for as long as such connections die young.
    /// </summary>
    /// <returns>False when stopping during the wait.</returns>
    private async Task<bool> WaitBeforeReplacingAsync(int slot, string reason, TimeSpan lasted, ReconnectBackoff backoff, CancellationToken cancellationToken)
    {
        if (SocketModeDisconnect.IsRoutine(reason))
        {
            logger.LogInformation("Slack asked Socket Mode connection {Slot} to reconnect ({Reason}); opening a replacement first", slot, reason);
            backoff.Reset();
            return true;
        }

        if (lasted >= StableConnection)
        {
            backoff.Reset();
        }

        var delay = backoff.Next();
        logger.LogWarning(
            "Slack asked Socket Mode connection {Slot} to disconnect for a reason StoryBot does not know ({Reason}) {Lasted} after it opened; opening a replacement in {Delay}",
            slot, reason, lasted, delay);
        return await DelayAsync(delay, cancellationToken);
    }

    /// <returns>An open connection that said hello, or null when stopping or Slack is disabled.</returns>
    private async Task<SocketModeConnection?> ConnectAsync(int slot, ReconnectBackoff backoff, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketModeConnection? connection = null;
            try
            {
                var url = await api.OpenConnectionAsync(cancellationToken);
                connection = await SocketModeConnection.ConnectAsync(url, slot, options.Value, router, time, logger, cancellationToken);
                logger.LogDebug("Slack Socket Mode connection {Slot}: WebSocket open, waiting for hello", slot);
                await Task.WhenAny(connection.Hello, connection.Completion, Task.Delay(HelloTimeout, time, cancellationToken));
                cancellationToken.ThrowIfCancellationRequested();
                if (!connection.Hello.IsCompleted)
                {
                    // A link_disabled before hello must still stop Socket Mode, so the caller sees how it ended.
                    if (connection.Completion.IsCompleted && (await connection.Completion).Kind == ConnectionEndKind.LinkDisabled)
                    {
                        return connection;
                    }

                    throw new IOException("Slack did not say hello");
                }

                // Hello may be followed at once by a disconnect; the caller handles however it ended,
                // and starts the backoff over once the connection has proved stable.
                logger.LogInformation("Slack Socket Mode connection {Slot} is open ({Count} open for this app)", slot, await connection.Hello);
                readiness.Opened(slot);
                return connection;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await DisposeQuietlyAsync(connection);
                return null;
            }
            catch (Exception exception) when (exception is SlackApiException or HttpRequestException or System.Net.WebSockets.WebSocketException or IOException)
            {
                await DisposeQuietlyAsync(connection);
                if (platform.IsDisabled)
                {
                    return null;
                }

                var delay = backoff.Next();
                logger.LogWarning("Slack Socket Mode connection {Slot} could not connect ({Error}); reconnecting in {Delay}", slot, exception.Message, delay);
                if (!await DelayAsync(delay, cancellationToken))
                {
                    return null;
                }
            }
        }

        return null;
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task DisposeQuietlyAsync(SocketModeConnection? connection)
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }
}
