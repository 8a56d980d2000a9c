using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Gateway;

/// <summary>One WebSocket to the Gateway: JSON frames in and out, sends serialised.</summary>
internal sealed class GatewayConnection(ClientWebSocket socket) : IAsyncDisposable
{
    /// <summary>Discord closes the connection (4002) on a payload over 4096 bytes.</summary>
    private const int MaxSentBytes = 4096;

    private readonly SemaphoreSlim _sendLock = new(1, 1);

    public static async Task<GatewayConnection> ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(WithProtocolQuery(url), cancellationToken);
            return new GatewayConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task SendAsync(int op, object? data, CancellationToken cancellationToken)
    {
        var bytes = DiscordJson.Serialize(new SentPayload(op, data));
        if (bytes.Length > MaxSentBytes)
        {
            throw new InvalidOperationException($"Gateway payload op {op} is {bytes.Length} bytes; Discord allows {MaxSentBytes}");
        }

        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>The next payload, or a close (with its code; null when the socket just dropped).</summary>
    public async Task<GatewayFrame> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(8192);
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.GetMemory(8192), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return GatewayFrame.Closed((int?)socket.CloseStatus);
                }

                buffer.Advance(result.Count);
                if (result.EndOfMessage)
                {
                    return GatewayPayload.Read(buffer.WrittenMemory);
                }
            }
        }
        catch (WebSocketException)
        {
            return GatewayFrame.Closed(null);
        }
    }

    /// <summary>
    /// Starts the close handshake and leaves the socket open for reading: what Discord sent before
    /// it saw the close still arrives, and then its close frame.
    /// </summary>
    public async Task SendCloseAsync(int code, CancellationToken cancellationToken)
    {
        try
        {
            await socket.CloseOutputAsync((WebSocketCloseStatus)code, null, cancellationToken);
        }
        catch (Exception ex) when (ex is WebSocketException or InvalidOperationException or OperationCanceledException)
        {
            // Already closing or gone: the receive loop ends either way.
        }
    }

    /// <summary>Closes without waiting long for the other side (a zombie would never answer).</summary>
    public async Task CloseAsync(int code, CancellationToken cancellationToken)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            try
            {
                await socket.CloseOutputAsync((WebSocketCloseStatus)code, null, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        }

        socket.Abort();
    }

    public ValueTask DisposeAsync()
    {
        socket.Dispose();
        _sendLock.Dispose();
        return ValueTask.CompletedTask;
    }

    private static Uri WithProtocolQuery(Uri url)
    {
        var builder = new UriBuilder(url);
        if (!builder.Query.Contains("v=", StringComparison.Ordinal))
        {
            builder.Query = (builder.Query.Length > 1 ? builder.Query[1..] + "&" : string.Empty) + "v=10&encoding=json";
        }

        return builder.Uri;
    }
}

/// <param name="D">
/// Written even when null: a heartbeat before the first dispatch is <c>{"op": 1, "d": null}</c>,
/// and DiscordJson otherwise omits nulls.
/// </param>
internal sealed record SentPayload(int Op, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] object? D);

internal readonly record struct GatewayFrame(JsonElement Data, bool IsClose, int? CloseCode)
{
    /// <summary>A frame that is not readable JSON (see <see cref="Core.Platforms.JsonPayload"/>).</summary>
    public bool IsUnreadable { get; private init; }

    public static GatewayFrame Unreadable { get; } = new(default, false, null) { IsUnreadable = true };

    public static GatewayFrame Payload(JsonElement data) => new(data, false, null);

    public static GatewayFrame Closed(int? code) => new(default, true, code);
}
