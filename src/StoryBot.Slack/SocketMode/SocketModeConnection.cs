using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using StoryBot.Core.Platforms;
using StoryBot.Slack.Configuration;
using StoryBot.Slack.Inbound;

namespace StoryBot.Slack.SocketMode;

/// <summary>
/// One Socket Mode WebSocket: reads frames, reports <c>hello</c> and <c>disconnect</c>, and hands
/// envelopes to the router. The receive loop never runs a handler. Keep-alive pings with a timeout
/// catch half-open sockets, which then end as <see cref="ConnectionEndKind.Dropped"/>.
/// </summary>
internal sealed class SocketModeConnection : IAsyncDisposable
{
    private const int MaxFrameBytes = 4 * 1024 * 1024;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    private readonly ClientWebSocket _socket;
    private readonly SocketModeEnvelopeRouter _router;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource<int> _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _refresh = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _closing;
    private bool _linkDisabled;

    private SocketModeConnection(ClientWebSocket socket, int slot, SocketModeEnvelopeRouter router, TimeProvider time, ILogger logger)
    {
        _time = time;
        _socket = socket;
        Slot = slot;
        _router = router;
        _logger = logger;
        Completion = Task.Run(ReceiveLoopAsync);
    }

    public int Slot { get; }

    /// <summary>Completes with <c>num_connections</c> when Slack says hello.</summary>
    public Task<int> Hello => _hello.Task;

    /// <summary>Completes with the reason when Slack announces this connection will go away.</summary>
    public Task<string> RefreshRequested => _refresh.Task;

    /// <summary>Completes when the socket is gone, with why.</summary>
    public Task<ConnectionEnd> Completion { get; }

    public static async Task<SocketModeConnection> ConnectAsync(
        Uri url, int slot, SlackOptions options, SocketModeEnvelopeRouter router, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = options.KeepAliveInterval;
        socket.Options.KeepAliveTimeout = options.KeepAliveTimeout;
        try
        {
            // Not cancelled mid-handshake: a socket abandoned halfway can stay open on the server's side.
            // A stop during the handshake is honoured right after it, by aborting the finished socket.
            using var timeout = new CancellationTokenSource(ConnectTimeout, time);
            await socket.ConnectAsync(url, timeout.Token);
            cancellationToken.ThrowIfCancellationRequested();
        }
        catch
        {
            socket.Abort();
            socket.Dispose();
            throw;
        }

        return new SocketModeConnection(socket, slot, router, time, logger);
    }

    /// <summary>Closes cleanly, waiting briefly for Slack's close frame (envelopes still arriving are handled).</summary>
    public async Task CloseAsync(TimeSpan patience)
    {
        _closing = true;
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(patience, _time);
                _logger.LogDebug("Slack Socket Mode connection {Slot}: sending close", Slot);
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", timeout.Token).WaitAsync(patience, _time);
                _logger.LogDebug("Slack Socket Mode connection {Slot}: close sent", Slot);
            }

            await Completion.WaitAsync(patience, _time);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or TimeoutException or ObjectDisposedException)
        {
            // Gone already or too slow to close: dropping it is fine, Slack redelivers unacked envelopes.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _closing = true;
        await _lifetime.CancelAsync();
        _socket.Abort();
        await ((Task)Completion).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _socket.Dispose();
        _lifetime.Dispose();
        _sendLock.Dispose();
    }

    private async Task SendAsync(JsonObject frame)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(frame);
        await _sendLock.WaitAsync(_lifetime.Token);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, _lifetime.Token);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task<ConnectionEnd> ReceiveLoopAsync()
    {
        var buffer = new byte[16 * 1024];
        var frame = new ArrayBufferWriter<byte>();
        while (true)
        {
            ValueWebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(buffer.AsMemory(), _lifetime.Token);
            }
            catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
            {
                return new ConnectionEnd(ConnectionEndKind.Stopped, "stopped");
            }
            catch (Exception exception) when (exception is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                return _closing
                    ? new ConnectionEnd(ConnectionEndKind.Stopped, "stopped")
                    : new ConnectionEnd(ConnectionEndKind.Dropped, exception.Message);
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                var detail = $"{_socket.CloseStatus} {_socket.CloseStatusDescription}".Trim();
                if (_socket.State == WebSocketState.CloseReceived)
                {
                    await AnswerCloseAsync();
                }

                return _closing
                    ? new ConnectionEnd(ConnectionEndKind.Stopped, detail)
                    : new ConnectionEnd(_linkDisabled ? ConnectionEndKind.LinkDisabled : ConnectionEndKind.Closed, detail);
            }

            frame.Write(buffer.AsSpan(0, result.Count));
            if (frame.WrittenCount > MaxFrameBytes)
            {
                _logger.LogWarning("Slack Socket Mode connection {Slot} sent an oversized frame; reconnecting", Slot);
                return new ConnectionEnd(ConnectionEndKind.Dropped, "oversized frame");
            }

            if (!result.EndOfMessage)
            {
                continue;
            }

            OnFrame(frame.WrittenMemory);
            frame.ResetWrittenCount();
            if (_linkDisabled)
            {
                return new ConnectionEnd(ConnectionEndKind.LinkDisabled, "link_disabled");
            }
        }
    }

    private async Task AnswerCloseAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), _time);
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is gone; nothing left to tell it.
        }
    }

    private void OnFrame(ReadOnlyMemory<byte> bytes)
    {
        var frame = SocketModeFrame.Read(bytes);
        _logger.LogDebug("Slack Socket Mode connection {Slot} received {Kind}", Slot, frame.Kind);
        switch (frame.Kind)
        {
            case SocketModeFrameKind.Unreadable:
                _logger.LogWarning("Slack Socket Mode connection {Slot} sent a frame that is not readable JSON; ignored", Slot);
                return;

            case SocketModeFrameKind.Hello:
                _hello.TrySetResult(frame.ConnectionCount);
                return;

            case SocketModeFrameKind.Disconnect when frame.Reason == SocketModeDisconnect.LinkDisabled:
                _linkDisabled = true;
                return;

            case SocketModeFrameKind.Disconnect:
                _refresh.TrySetResult(frame.Reason!);
                return;

            case SocketModeFrameKind.Envelope:
                _router.Route(frame.Root, SendAsync);
                return;
        }
    }
}
