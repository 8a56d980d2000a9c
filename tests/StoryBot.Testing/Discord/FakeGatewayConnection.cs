using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace StoryBot.Testing.Discord;

/// <summary>The server side of one Gateway connection, driven by a test like Discord would drive it.</summary>
public sealed class FakeGatewayConnection : IDisposable
{
    private readonly WebSocket _socket;
    private readonly Channel<JsonElement> _received = Channel.CreateUnbounded<JsonElement>();
    private readonly Channel<int> _heartbeats = Channel.CreateUnbounded<int>();
    private readonly TaskCompletionSource<int?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private int _sequence;

    internal FakeGatewayConnection(WebSocket socket, string path)
    {
        _socket = socket;
        Path = path;
    }

    /// <summary>"/gateway" or "/resume-gateway": where the bot connected.</summary>
    public string Path { get; }

    /// <summary>When set, every heartbeat is acknowledged at once (op 11), as Discord does.</summary>
    public bool AcknowledgeHeartbeats { get; set; } = true;

    public int HeartbeatsReceived { get; private set; }

    /// <summary>Completes with the close code the bot sent (null if the socket just dropped).</summary>
    public Task<int?> Closed => _closed.Task;

    internal async Task RunAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, cancellationToken);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        _closed.TrySetResult((int?)result.CloseStatus);
                        _received.Writer.TryComplete();
                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                var payload = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
                if (payload.GetProperty("op").GetInt32() == 1)
                {
                    HeartbeatsReceived++;
                    _heartbeats.Writer.TryWrite(HeartbeatsReceived);
                    if (AcknowledgeHeartbeats)
                    {
                        await SendAsync("""{"op": 11}""");
                    }

                    continue;
                }

                await _received.Writer.WriteAsync(payload, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            _closed.TrySetResult(null);
            _received.Writer.TryComplete();
        }
    }

    public async Task SendAsync(string json)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public Task SendHelloAsync(int heartbeatIntervalMs = 41250) =>
        SendAsync($$"""{"op": 10, "d": {"heartbeat_interval": {{heartbeatIntervalMs}}}, "s": null, "t": null}""");

    /// <summary>A dispatch (op 0) with the next sequence number.</summary>
    public Task DispatchAsync(string type, string data) =>
        SendAsync($$"""{"op": 0, "s": {{Interlocked.Increment(ref _sequence)}}, "t": "{{type}}", "d": {{data}}}""");

    public Task SendReadyAsync(string sessionId, string resumeGatewayUrl, string botUserId = FakeDiscord.BotUserId) =>
        DispatchAsync("READY", $$"""
            {"v": 10, "user": {"id": "{{botUserId}}", "username": "StoryBot", "discriminator": "0", "bot": true},
             "guilds": [{"id": "{{FakeDiscord.GuildId}}", "unavailable": true}], "session_id": "{{sessionId}}",
             "resume_gateway_url": "{{resumeGatewayUrl}}", "shard": [0, 1],
             "application": {"id": "{{FakeDiscord.ApplicationId}}", "flags": 0} }
            """);

    /// <summary>The next payload the bot sent other than a heartbeat.</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(FakeDiscord.Patience);
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    public void Dispose() => _sendLock.Dispose();

    /// <summary>Completes when the bot sends its next heartbeat.</summary>
    public async Task WaitForHeartbeatAsync()
    {
        using var timeout = new CancellationTokenSource(FakeDiscord.Patience);
        while (_heartbeats.Reader.TryRead(out _))
        {
        }

        await _heartbeats.Reader.ReadAsync(timeout.Token);
    }

    public async Task CloseAsync(int code, string reason = "")
    {
        await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
    }
}
