using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StoryBot.Testing.Discord;

/// <summary>
/// Discord on loopback: REST under <c>/api/v10</c> answering like Discord (ids, rate-limit
/// headers, scripted 429/5xx/401) and recording every request, plus a WebSocket Gateway at
/// <c>/gateway</c> and <c>/resume-gateway</c> whose connections the tests drive.
/// </summary>
public sealed class FakeDiscord : IAsyncDisposable
{
    public const string ApplicationId = "775799577604177920";
    public const string BotUserId = "775799577604177920";
    public const string GuildId = "290926798626357999";
    public const string Token = "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs";
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;
    private readonly Channel<FakeGatewayConnection> _connections = Channel.CreateUnbounded<FakeGatewayConnection>();
    private readonly Channel<FakeIdentify> _identifies = Channel.CreateUnbounded<FakeIdentify>();
    private readonly Channel<RecordedRequest> _requestFeed = Channel.CreateUnbounded<RecordedRequest>();
    private readonly ConcurrentQueue<(Func<RecordedRequest, bool> Match, FakeResponse Response)> _scripted = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<RecordedRequest, string> _createdIds = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<string, string> _idsByNonce = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, string>> _replyReferences = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MessageWindow> _messageWindows = new(StringComparer.Ordinal);
    private (TimeProvider Clock, int Limit, TimeSpan Window)? _messagePace;
    private readonly ConcurrentDictionary<string, FakeGatewaySession> _sessions = new(StringComparer.Ordinal);
    private long _nextId = 1_100_000_000_000_000_000;
    private int _rateLimitedCount;

    private FakeDiscord(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public string ApiBaseUrl => BaseUrl + "/api/v10";

    public string GatewayUrl => BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/gateway";

    public string ResumeGatewayUrl => BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/resume-gateway";

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    private int _gatewayConnectionCount;

    public int GatewayConnectionCount => Volatile.Read(ref _gatewayConnectionCount);

    /// <summary>The <c>shards</c> <c>GET /gateway/bot</c> recommends.</summary>
    public int RecommendedShards { get; set; } = 1;

    /// <summary>The <c>session_start_limit.max_concurrency</c> <c>GET /gateway/bot</c> reports.</summary>
    public int MaxConcurrency { get; set; } = 1;

    /// <summary>The clock identifies are stamped with (<see cref="FakeIdentify.At"/>).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Every IDENTIFY the bot sent, on any connection, in the order they arrived.</summary>
    public ConcurrentQueue<FakeIdentify> Identifies { get; } = new();

    /// <summary>How long creating a channel message takes, after the request is recorded.</summary>
    public TimeSpan MessageLatency { get; set; }

    /// <summary>Requests answered 429 because they went over a paced bucket (see <see cref="PaceMessages"/>).</summary>
    public int RateLimitedCount => Volatile.Read(ref _rateLimitedCount);

    /// <summary>
    /// From now on, creates at most <paramref name="limit"/> messages per channel in each
    /// <paramref name="window"/> on <paramref name="clock"/>, as Discord's bucket for creating
    /// messages does (5 per 5 s): every answer carries that bucket's X-RateLimit-* headers, and a
    /// message over the limit gets Discord's 429 instead of being created.
    /// </summary>
    public void PaceMessages(TimeProvider clock, int limit = 5, TimeSpan? window = null) =>
        _messagePace = (clock, limit, window ?? TimeSpan.FromSeconds(5));

    public static async Task<FakeDiscord> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeDiscord(app);
        app.UseWebSockets();
        app.Map("/gateway", fake.AcceptGatewayAsync);
        app.Map("/resume-gateway", fake.AcceptGatewayAsync);
        app.Map("/api/v10/{**path}", fake.HandleRestAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    /// <summary>The next time a request matches, answer it this way (once).</summary>
    public void Script(Func<RecordedRequest, bool> match, FakeResponse response) => _scripted.Enqueue((match, response));

    public async Task<FakeGatewayConnection> NextGatewayConnectionAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await _connections.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>The next IDENTIFY the bot sent, on any connection.</summary>
    public async Task<FakeIdentify> NextIdentifyAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await _identifies.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Waits for the bot's message posted as a reply to <paramref name="messageId"/>.</summary>
    public Task<RecordedRequest> WaitForReplyToAsync(string messageId) =>
        WaitForRequestAsync(r => r.Method == "POST" && RepliesTo(r) == messageId);

    /// <summary>The message a posted message replies to (its <c>message_reference</c>); null for any other request.</summary>
    public static string? RepliesTo(RecordedRequest request) =>
        request.Method == "POST" && request.Path.StartsWith("channels/", StringComparison.Ordinal) && request.Json.ValueKind == JsonValueKind.Object
        && request.Json.TryGetProperty("message_reference", out var reference) ? reference.GetProperty("message_id").GetString() : null;

    /// <summary>Waits for the next request matching; requests already recorded count too.</summary>
    public async Task<RecordedRequest> WaitForRequestAsync(Func<RecordedRequest, bool> match)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var request = await _requestFeed.Reader.ReadAsync(timeout.Token);
            if (match(request))
            {
                return request;
            }
        }
    }

    /// <summary>The id the fake gave the message a recorded POST created.</summary>
    public string LastCreatedMessageId(RecordedRequest request) =>
        _createdIds.TryGetValue(request, out var id) ? id : throw new InvalidOperationException($"{request} created no message");

    public string NewId() => Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task AcceptGatewayAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        Interlocked.Increment(ref _gatewayConnectionCount);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var connection = new FakeGatewayConnection(this, socket, context.Request.Path);
        var run = connection.RunAsync(_stopping.Token);
        await _connections.Writer.WriteAsync(connection);
        await run;
        await connection.WaitForSendsAsync();
    }

    internal void Identified(FakeIdentify identify)
    {
        Identifies.Enqueue(identify);
        _identifies.Writer.TryWrite(identify);
    }

    /// <summary>A new session, as READY starts it; its dispatches are kept for RESUME to replay.</summary>
    internal FakeGatewaySession StartSession(string sessionId) => _sessions[sessionId] = new FakeGatewaySession(sessionId);

    internal FakeGatewaySession? FindSession(string? sessionId) =>
        sessionId is not null && _sessions.TryGetValue(sessionId, out var session) ? session : null;

    /// <summary>Closing with 1000 or 1001 ends the session: Discord will not resume it.</summary>
    internal void EndSession(string sessionId) => _sessions.TryRemove(sessionId, out _);

    private async Task HandleRestAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var request = new RecordedRequest(
            context.Request.Method,
            (string)context.Request.RouteValues["path"]!,
            context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            body);
        var scripted = TakeScripted(request);
        var response = scripted is { AsDiscordWould: true } ? DefaultResponse(request) with { Delay = scripted.Delay } : scripted ?? DefaultResponse(request);
        Requests.Enqueue(request);
        await _requestFeed.Writer.WriteAsync(request);
        if (response.Delay is { } delay)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (response.Json is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.Json);
        }
    }

    private FakeResponse? TakeScripted(RecordedRequest request)
    {
        lock (_scripted)
        {
            var count = _scripted.Count;
            for (var i = 0; i < count; i++)
            {
                _scripted.TryDequeue(out var item);
                if (item.Match(request))
                {
                    // Keep the rest in order.
                    for (var j = i + 1; j < count; j++)
                    {
                        _scripted.TryDequeue(out var rest);
                        _scripted.Enqueue(rest);
                    }

                    return item.Response;
                }

                _scripted.Enqueue(item);
            }
        }

        return null;
    }

    /// <summary>Answers shaped like Discord's documented responses.</summary>
    private FakeResponse DefaultResponse(RecordedRequest request)
    {
        var segments = request.Path.Split('/');
        var limitHeaders = new Dictionary<string, string>
        {
            ["X-RateLimit-Limit"] = "5",
            ["X-RateLimit-Remaining"] = "4",
            ["X-RateLimit-Reset-After"] = "1.000",
            ["X-RateLimit-Bucket"] = "bucket-" + segments[0],
        };
        if (_messagePace is not null && request.Method == "POST" && segments is ["channels", var pacedChannel, "messages"])
        {
            if (!TakeMessageSlot(pacedChannel, out var paced))
            {
                Interlocked.Increment(ref _rateLimitedCount);
                return new FakeResponse(429, $$"""{"message": "You are being rate limited.", "retry_after": {{paced["X-RateLimit-Reset-After"]}}, "global": false}""", paced);
            }

            limitHeaders = paced;
        }

        switch (request.Method, segments)
        {
            case ("GET", ["gateway", "bot"]):
                return new FakeResponse(200, $$"""
                    {"url": "{{GatewayUrl}}", "shards": {{RecommendedShards}},
                     "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 14400000, "max_concurrency": {{MaxConcurrency}}} }
                    """);
            case ("POST", ["channels", var channel, "messages"]):
                // enforce_nonce: the message this bot already created with the nonce comes back instead of a new one.
                var created = NonceOf(request) is { } nonce ? _idsByNonce.GetOrAdd(nonce, _ => NewId()) : NewId();
                _createdIds[request] = created;
                RememberReply(channel, created, request);
                return new FakeResponse(200, Message(created, channel, request.Body), limitHeaders) { Delay = MessageLatency > TimeSpan.Zero ? MessageLatency : null };
            case ("GET", ["channels", var channel]):
                // A server's text channel, as Get Channel documents it.
                return new FakeResponse(200, $$"""{"id": "{{channel}}", "type": 0, "guild_id": "{{GuildId}}", "name": "general", "position": 0}""", limitHeaders);
            case ("GET", ["channels", var channel, "messages"]):
                return new FakeResponse(200, History(channel, request.Query), limitHeaders);
            case ("PATCH", ["channels", var channel, "messages", var message]):
                return new FakeResponse(200, Message(message, channel, request.Body), limitHeaders);
            case ("POST", ["interactions", _, _, "callback"]):
                return request.Query.Contains("with_response=true", StringComparison.Ordinal)
                    ? new FakeResponse(200, $$"""
                        {"interaction": {"id": "{{segments[1]}}", "type": 2, "response_message_id": "{{NewIdPeek()}}"},
                         "resource": {"type": 4, "message": {{Message(NewId(), "645027906669510667", "{}")}} } }
                        """)
                    : new FakeResponse(204);
            case ("GET" or "PATCH", ["webhooks", _, _, "messages", "@original"]):
                return new FakeResponse(200, Message(OriginalMessageId, "645027906669510667", request.Method == "GET" ? "{}" : request.Body));
            case ("POST", ["webhooks", _, _]):
                return new FakeResponse(200, Message(NewId(), "645027906669510667", request.Body));
            case ("DELETE", _):
                return new FakeResponse(204);
            case ("PUT", ["applications", ..]):
                return new FakeResponse(200, request.Body, limitHeaders);
            default:
                return new FakeResponse(404, """{"message": "404: Not Found", "code": 0}""");
        }
    }

    /// <summary>Counts a message against its channel's window; the headers are the ones Discord would send with the answer.</summary>
    private bool TakeMessageSlot(string channel, out Dictionary<string, string> headers)
    {
        var (clock, limit, window) = _messagePace!.Value;
        var bucket = _messageWindows.GetOrAdd(channel, _ => new MessageWindow());
        lock (bucket)
        {
            var now = clock.GetUtcNow();
            if (now >= bucket.ResetAt)
            {
                bucket.ResetAt = now + window;
                bucket.Used = 0;
            }

            var allowed = bucket.Used < limit;
            if (allowed)
            {
                bucket.Used++;
            }

            var resetAfter = bucket.ResetAt - now;
            headers = new Dictionary<string, string>
            {
                ["X-RateLimit-Limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["X-RateLimit-Remaining"] = (limit - bucket.Used).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["X-RateLimit-Reset"] = (bucket.ResetAt.ToUnixTimeMilliseconds() / 1000.0).ToString("F3", System.Globalization.CultureInfo.InvariantCulture),
                ["X-RateLimit-Reset-After"] = resetAfter.TotalSeconds.ToString("F3", System.Globalization.CultureInfo.InvariantCulture),
                ["X-RateLimit-Bucket"] = "bucket-channels-messages",
            };
            if (!allowed)
            {
                headers["X-RateLimit-Scope"] = "user";
                headers["Retry-After"] = Math.Ceiling(resetAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return allowed;
        }
    }

    /// <summary>The bot's replies the fake created in a channel, kept for the channel's history.</summary>
    private void RememberReply(string channel, string id, RecordedRequest request)
    {
        using var body = JsonDocument.Parse(string.IsNullOrWhiteSpace(request.Body) ? "{}" : request.Body);
        var reference = body.RootElement.TryGetProperty("message_reference", out var found) ? found.GetRawText() : "null";
        _replyReferences.GetOrAdd(channel, _ => new(StringComparer.Ordinal))[id] = reference;
    }

    /// <summary>Get Channel Messages: the bot's messages after the <c>after</c> id, newest first, as Discord lists them.</summary>
    private string History(string channel, string query)
    {
        var after = System.Web.HttpUtility.ParseQueryString(query)["after"] is { } value ? ulong.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var messages = _replyReferences.TryGetValue(channel, out var replies) ? replies : new ConcurrentDictionary<string, string>();
        var listed = messages
            .Where(m => ulong.Parse(m.Key, System.Globalization.CultureInfo.InvariantCulture) > after)
            .OrderByDescending(m => ulong.Parse(m.Key, System.Globalization.CultureInfo.InvariantCulture))
            .Select(m => $$"""{"id": "{{m.Key}}", "channel_id": "{{channel}}", "type": 19, "content": "", "author": {"id": "{{BotUserId}}", "username": "StoryBot", "bot": true}, "message_reference": {{m.Value}} }""");
        return "[" + string.Join(",", listed) + "]";
    }

    private static string? NonceOf(RecordedRequest request)
    {
        using var body = JsonDocument.Parse(string.IsNullOrWhiteSpace(request.Body) ? "{}" : request.Body);
        return body.RootElement.TryGetProperty("enforce_nonce", out var enforce) && enforce.ValueKind == JsonValueKind.True
            && body.RootElement.TryGetProperty("nonce", out var nonce)
            ? nonce.ToString()
            : null;
    }

    /// <summary>The id the fake gives every interaction's original response message.</summary>
    public const string OriginalMessageId = "1100000000000000999";

    private string NewIdPeek() => (Interlocked.Read(ref _nextId) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Message(string id, string channelId, string body)
    {
        var sent = string.IsNullOrWhiteSpace(body) ? "{}" : body;
        return $$"""{"id": "{{id}}", "channel_id": "{{channelId}}", "type": 0, "author": {"id": "{{BotUserId}}", "bot": true}, "sent": {{sent}}}""";
    }

    private sealed class MessageWindow
    {
        public DateTimeOffset ResetAt { get; set; } = DateTimeOffset.MinValue;

        public int Used { get; set; }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
