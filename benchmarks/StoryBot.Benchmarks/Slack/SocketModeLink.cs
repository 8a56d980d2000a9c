using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using StoryBot.Benchmarks.Support;

namespace StoryBot.Benchmarks.Slack;

/// <summary>
/// Slack's side of Socket Mode for a load run: accepts WebSocket connections (the bot's, from the URL
/// <c>apps.connections.open</c> hands out, and the plain client's the bot is read against), says hello
/// as Slack does, and sends envelopes, each waiting for its acknowledgement. Connections are kept by
/// who opened them, so a round drives one side only.
/// </summary>
internal sealed class SocketModeLink
{
    public const string Bot = "bot";
    public const string Ceiling = "ceiling";

    private readonly ConcurrentDictionary<string, List<LinkedSocket>> _sockets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waitingForAck = new(StringComparer.Ordinal);
    private long _next;

    /// <summary>Serves one connection until it closes; <paramref name="who"/> names the side it belongs to.</summary>
    public async Task AcceptAsync(HttpContext context, string who)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var linked = new LinkedSocket(socket);
        await linked.SendAsync("""{"type":"hello","num_connections":1,"debug_info":{"host":"applink-load","build_number":1,"approximate_connection_time":18060},"connection_info":{"app_id":"A0LOAD"}}""");
        var sockets = _sockets.GetOrAdd(who, _ => []);
        lock (sockets)
        {
            sockets.Add(linked);
        }

        await ReadAcksAsync(socket, context.RequestAborted);
        lock (sockets)
        {
            sockets.Remove(linked);
        }
    }

    /// <summary>Until <paramref name="who"/> has <paramref name="count"/> connections open.</summary>
    public async Task WaitForAsync(string who, int count)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Count(who) < count)
        {
            await Task.Delay(20, patience.Token);
        }
    }

    /// <summary>Sends one envelope carrying <paramref name="payload"/> on one of <paramref name="who"/>'s connections and waits for its acknowledgement.</summary>
    public async Task<LoadOutcome> SendAsync(string who, string payload)
    {
        var number = Interlocked.Increment(ref _next);
        var sockets = _sockets[who];
        LinkedSocket socket;
        lock (sockets)
        {
            socket = sockets[(int)(number % sockets.Count)];
        }

        var envelopeId = "load-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var acked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waitingForAck[envelopeId] = acked;
        try
        {
            await socket.SendAsync($$"""{"envelope_id":"{{envelopeId}}","payload":{{payload}},"type":"events_api","accepts_response_payload":false,"retry_attempt":0,"retry_reason":""}""");
            await acked.Task.WaitAsync(TimeSpan.FromSeconds(10));
            return LoadOutcome.Acknowledged;
        }
        catch (Exception ex) when (ex is TimeoutException or WebSocketException)
        {
            return LoadOutcome.Error;
        }
        finally
        {
            _waitingForAck.TryRemove(envelopeId, out _);
        }
    }

    private int Count(string who)
    {
        if (!_sockets.TryGetValue(who, out var sockets))
        {
            return 0;
        }

        lock (sockets)
        {
            return sockets.Count;
        }
    }

    private async Task ReadAcksAsync(WebSocket socket, CancellationToken aborted)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var frame = await FrameReader.ReadAsync(socket, buffer, aborted);
                if (frame is null)
                {
                    return;
                }

                if (FrameReader.EnvelopeId(frame) is { } id && _waitingForAck.TryGetValue(id, out var acked))
                {
                    acked.TrySetResult();
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The other side went away: its envelopes time out as errors.
        }
    }

    private sealed class LinkedSocket(WebSocket socket) : IDisposable
    {
        private readonly SemaphoreSlim _sending = new(1, 1);

        public void Dispose() => _sending.Dispose();

        public async Task SendAsync(string json)
        {
            await _sending.WaitAsync();
            try
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
            }
            finally
            {
                _sending.Release();
            }
        }
    }
}

/// <summary>Whole text frames off a WebSocket, and the one field a load run reads from them.</summary>
internal static class FrameReader
{
    /// <returns>The frame's bytes, or null when the socket closed.</returns>
    public static async Task<byte[]?> ReadAsync(WebSocket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return message.ToArray();
            }
        }
    }

    public static string? EnvelopeId(byte[] frame)
    {
        using var document = JsonDocument.Parse(frame);
        return document.RootElement.TryGetProperty("envelope_id", out var id) ? id.GetString() : null;
    }
}

/// <summary>
/// The ceiling for Socket Mode: a plain WebSocket client that acknowledges every envelope at once
/// (parse, read its id, send the ack), with no verification and no work.
/// </summary>
internal sealed class PlainSocketModeClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    public static async Task<PlainSocketModeClient> ConnectAsync(Uri url)
    {
        var client = new PlainSocketModeClient();
        await client._socket.ConnectAsync(url, CancellationToken.None);
        client._running = client.AcknowledgeAsync();
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // Stopping: the read in flight ends with the cancellation.
        }

        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task AcknowledgeAsync()
    {
        var buffer = new byte[16 * 1024];
        while (await FrameReader.ReadAsync(_socket, buffer, _stop.Token) is { } frame)
        {
            if (FrameReader.EnvelopeId(frame) is { } id)
            {
                await _socket.SendAsync(Encoding.UTF8.GetBytes($$"""{"envelope_id":"{{id}}"}"""), WebSocketMessageType.Text, true, _stop.Token);
            }
        }
    }
}
