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
    private readonly Channel<JsonElement> _heartbeats = Channel.CreateUnbounded<JsonElement>();
    private readonly TaskCompletionSource<int?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly FakeDiscord _discord;
    private int _sequence;

    internal FakeGatewayConnection(FakeDiscord discord, WebSocket socket, string path)
    {
        _discord = discord;
        _socket = socket;
        Path = path;
    }

    /// <summary>The session this connection serves, from READY or an honoured RESUME; null before.</summary>
    public FakeGatewaySession? Session { get; private set; }

    /// <summary>The <c>shard</c> of the bot's IDENTIFY on this connection; null before one, or on a resumed connection.</summary>
    public FakeShard? Shard { get; private set; }

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
                        if (Session is not null && result.CloseStatus is WebSocketCloseStatus.NormalClosure or WebSocketCloseStatus.EndpointUnavailable)
                        {
                            _discord.EndSession(Session.Id);
                        }

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
                    _heartbeats.Writer.TryWrite(payload);
                    if (AcknowledgeHeartbeats)
                    {
                        await SendAsync("""{"op": 11}""");
                    }

                    continue;
                }

                if (payload.GetProperty("op").GetInt32() == 2)
                {
                    RecordIdentify(payload);
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

    private void RecordIdentify(JsonElement identify)
    {
        Shard = identify.GetProperty("d").TryGetProperty("shard", out var shard) && shard.GetArrayLength() == 2
            ? new FakeShard(shard[0].GetInt32(), shard[1].GetInt32())
            : new FakeShard(0, 1);
        _discord.Identified(new FakeIdentify(this, Shard.Value, _discord.Clock.GetUtcNow()));
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

    /// <summary>A dispatch (op 0) with the session's next sequence number, kept for a RESUME to replay.</summary>
    public Task DispatchAsync(string type, string data) =>
        SendAsync(Session is { } session ? session.Record(type, data) : FakeGatewaySession.Frame(Interlocked.Increment(ref _sequence), type, data));

    /// <summary>
    /// Answers a RESUME (op 6) as Discord documents it: when the token is the bot's and the session
    /// is known, every dispatch after <c>seq</c> again, then RESUMED; otherwise an invalid session
    /// (op 9, <c>d: false</c>).
    /// </summary>
    /// <returns>Whether the session was resumed.</returns>
    public async Task<bool> AnswerResumeAsync(JsonElement resume)
    {
        var d = resume.GetProperty("d");
        var session = resume.GetProperty("op").GetInt32() == 6 && d.TryGetProperty("token", out var token) && token.GetString() == FakeDiscord.Token
            && d.TryGetProperty("session_id", out var id) && id.ValueKind == JsonValueKind.String
            && d.TryGetProperty("seq", out var seq) && seq.ValueKind == JsonValueKind.Number
            ? _discord.FindSession(id.GetString())
            : null;
        if (session is null || d.GetProperty("seq").GetInt64() > session.LastSequence)
        {
            await SendAsync("""{"op": 9, "d": false}""");
            return false;
        }

        Session = session;
        foreach (var frame in session.After(d.GetProperty("seq").GetInt64()))
        {
            await SendAsync(frame);
        }

        await DispatchAsync("RESUMED", "{}");
        return true;
    }

    public Task SendReadyAsync(string sessionId, string resumeGatewayUrl, string botUserId = FakeDiscord.BotUserId)
    {
        Session = _discord.StartSession(sessionId);
        return DispatchAsync("READY", $$"""
            {"v": 10, "user": {"id": "{{botUserId}}", "username": "StoryBot", "discriminator": "0", "bot": true},
             "guilds": [{"id": "{{FakeDiscord.GuildId}}", "unavailable": true}], "session_id": "{{sessionId}}",
             "resume_gateway_url": "{{resumeGatewayUrl}}", "shard": [{{Shard?.Id ?? 0}}, {{Shard?.Count ?? 1}}],
             "application": {"id": "{{FakeDiscord.ApplicationId}}", "flags": 0} }
            """);
    }

    /// <summary>The next payload the bot sent other than a heartbeat.</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(FakeDiscord.Patience);
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    public void Dispose() => _sendLock.Dispose();

    /// <summary>Completes when the bot sends its next heartbeat, with that heartbeat (op 1).</summary>
    public async Task<JsonElement> WaitForHeartbeatAsync()
    {
        using var timeout = new CancellationTokenSource(FakeDiscord.Patience);
        while (_heartbeats.Reader.TryRead(out _))
        {
        }

        return await _heartbeats.Reader.ReadAsync(timeout.Token);
    }

    public async Task CloseAsync(int code, string reason = "")
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Waits for a send or close in flight: the bot may answer a close frame before its flush
    /// completes, and the response must not end under that flush.
    /// </summary>
    internal async Task WaitForSendsAsync()
    {
        await _sendLock.WaitAsync();
        _sendLock.Release();
    }
}
