using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StoryBot.Testing.Slack;

/// <summary>One request the fake Web API received.</summary>
/// <param name="Method">Web API method, or <c>response_url</c>.</param>
/// <param name="Body">The JSON body (or the form as a JSON object).</param>
/// <param name="Authorization">The Authorization header as sent.</param>
/// <param name="At">When it arrived, on the fake's clock.</param>
public sealed record FakeCall(string Method, JsonElement Body, string? Authorization, DateTimeOffset At, string Path)
{
    /// <summary>The <c>ts</c> the fake gave a posted message.</summary>
    public string? IssuedTs { get; init; }

    public string? Str(string property) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>All text of the message (fallback and blocks), as Slack would receive it.</summary>
    public string RawText => Body.GetRawText();
}

/// <summary>A scripted answer the fake gives to the next call of one method.</summary>
public sealed record FakeResponse(int Status, string Body, TimeSpan? RetryAfter = null)
{
    public static FakeResponse RateLimited(int seconds) =>
        new(429, """{"ok":false,"error":"ratelimited"}""", TimeSpan.FromSeconds(seconds));

    public static FakeResponse Error(string error) => new(200, $$"""{"ok":false,"error":"{{error}}"}""");

    public static FakeResponse ServerError() => new(503, "Service Unavailable");
}

/// <summary>
/// Slack on loopback: the Web API methods the adapter calls, response_url hooks, and a Socket Mode
/// WebSocket endpoint. Records everything it receives; tests script failures and push frames.
/// </summary>
public sealed class FakeSlack : IAsyncDisposable
{
    public const string BotUserId = "U0BOTUSER1";
    public const string BotId = "B0BOTID001";

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeResponse>> _scripted = new();
    private readonly ConcurrentDictionary<string, Channel<FakeCall>> _calls = new();
    private readonly Channel<FakeSocket> _sockets = Channel.CreateUnbounded<FakeSocket>();
    private readonly ConcurrentBag<FakeCall> _allCalls = [];
    private long _ts = 1_700_000_000_000_100;
    private int _socketCount;

    private FakeSlack(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public Uri ApiBaseUrl => new(BaseUrl, "/api/");

    /// <summary>
    /// How long chat.postMessage takes to answer once the message is posted, as on a busy day: a
    /// client that dies meanwhile has posted a message it never learnt the ts of.
    /// </summary>
    public TimeSpan PostLatency { get; set; }

    /// <summary>When set, a new socket sends hello by itself (as Slack does).</summary>
    public bool AutoHello { get; set; } = true;

    /// <summary>How many of the next sockets say hello and then never read again (half-open).</summary>
    public int SilentSockets { get; set; }

    public IReadOnlyCollection<FakeCall> AllCalls => _allCalls;

    /// <summary>The locale users.info gives each user with <c>include_locale</c>; "en-US" for anyone not listed.</summary>
    public ConcurrentDictionary<string, string> UserLocales { get; } = new(StringComparer.Ordinal);

    /// <summary>The members usergroups.users.list gives for each user group id; an unknown group is Slack's <c>no_such_subteam</c>.</summary>
    public ConcurrentDictionary<string, string[]> UserGroups { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, users.info answers only once it completes (a slow Slack).</summary>
    public Task? UserInfoGate { get; set; }

    /// <summary>When set, auth.test answers only once it completes (a bot starting while Slack is slow to say who it is).</summary>
    public Task? AuthTestGate { get; set; }

    public int Count(string method) => _allCalls.Count(call => call.Method == method);

    public int SocketsOpened => Volatile.Read(ref _socketCount);

    public Uri ResponseUrl(string id) => new(BaseUrl, $"/hooks/{id}");

    public static async Task<FakeSlack> StartAsync(TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSlack(app, time ?? TimeProvider.System);
        app.UseWebSockets();
        app.MapPost("/api/{method}", (HttpContext context, string method) => fake.HandleApiAsync(context, method));
        app.MapPost("/hooks/{id}", (HttpContext context, string id) => fake.HandleHookAsync(context));
        app.Map("/socket", fake.HandleSocketAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fake.BaseUrl = new Uri(address);
        return fake;
    }

    /// <summary>The next call of <paramref name="method"/> gets <paramref name="response"/>.</summary>
    public void Script(string method, FakeResponse response) =>
        _scripted.GetOrAdd(method, _ => new ConcurrentQueue<FakeResponse>()).Enqueue(response);

    /// <summary>Waits for the next call of <paramref name="method"/> not yet taken by a test.</summary>
    public async Task<FakeCall> NextCallAsync(string method)
    {
        using var timeout = new CancellationTokenSource(Wait.Generous);
        return await CallsOf(method).Reader.ReadAsync(timeout.Token);
    }

    private Channel<FakeCall> CallsOf(string method) => _calls.GetOrAdd(method, _ => Channel.CreateUnbounded<FakeCall>());

    public async Task<FakeSocket> NextSocketAsync()
    {
        using var timeout = new CancellationTokenSource(Wait.Generous);
        return await _sockets.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleApiAsync(HttpContext context, string method)
    {
        var body = await ReadBodyAsync(context.Request);
        var call = new FakeCall(method, body, context.Request.Headers.Authorization.ToString(), _time.GetUtcNow(), context.Request.Path)
        {
            IssuedTs = method == "chat.postMessage" ? NextTs() : null,
        };
        _allCalls.Add(call);
        await CallsOf(call.Method).Writer.WriteAsync(call);

        if (_scripted.TryGetValue(method, out var queue) && queue.TryDequeue(out var scripted))
        {
            context.Response.StatusCode = scripted.Status;
            if (scripted.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(scripted.Body);
            return;
        }

        if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer x", StringComparison.Ordinal))
        {
            await WriteJsonAsync(context, new { ok = false, error = "not_authed" });
            return;
        }

        switch (method)
        {
            case "apps.connections.open":
                var socketUrl = new UriBuilder(BaseUrl) { Scheme = "ws", Path = "/socket", Query = "ticket=t-" + Guid.NewGuid().ToString("N") };
                await WriteJsonAsync(context, new { ok = true, url = socketUrl.Uri.ToString() });
                break;
            case "auth.test":
                if (AuthTestGate is { } authGate)
                {
                    await authGate.WaitAsync(context.RequestAborted);
                }

                await WriteJsonAsync(context, new { ok = true, url = "https://fake.slack.com/", team = "Fake", user = "storybot", team_id = "T123ABC456", user_id = BotUserId, bot_id = BotId });
                break;
            case "chat.postMessage":
                if (PostLatency > TimeSpan.Zero)
                {
                    await Task.Delay(PostLatency, _time, context.RequestAborted);
                }

                await WriteJsonAsync(context, new { ok = true, channel = call.Str("channel"), ts = call.IssuedTs });
                break;
            case "conversations.history":
                await WriteJsonAsync(context, new { ok = true, messages = History(call), has_more = false });
                break;
            case "users.info":
                if (UserInfoGate is { } gate)
                {
                    await gate.WaitAsync(context.RequestAborted);
                }

                await WriteJsonAsync(context, new { ok = true, user = UserInfo(call) });
                break;
            case "usergroups.users.list":
                if (UserGroups.TryGetValue(call.Str("usergroup") ?? string.Empty, out var members))
                {
                    await WriteJsonAsync(context, new { ok = true, users = members });
                }
                else
                {
                    await WriteJsonAsync(context, new { ok = false, error = "no_such_subteam" });
                }

                break;
            case "views.open":
                await WriteJsonAsync(context, new { ok = true, view = new { id = "VMHU10V25", team_id = "T012AB3C4", type = "modal", callback_id = call.Body.GetProperty("view").GetProperty("callback_id").GetString() } });
                break;
            case "views.publish":
                await WriteJsonAsync(context, new { ok = true, view = new { id = "VMHU10V25", team_id = "T8N4K1JN", type = "home", hash = "156772938.1827394", app_id = "AA4928AQ", bot_id = BotId } });
                break;
            case "chat.getPermalink":
                // The shape of the method's documented answer; the link as Slack builds it for a workspace.
                await WriteJsonAsync(context, new { ok = true, channel = call.Str("channel"), permalink = Permalink(call.Str("channel") ?? string.Empty, call.Str("message_ts") ?? string.Empty) });
                break;
            case "chat.update":
                await WriteJsonAsync(context, new { ok = true, channel = call.Str("channel"), ts = call.Str("ts") });
                break;
            case "chat.postEphemeral":
                await WriteJsonAsync(context, new { ok = true, message_ts = NextTs() });
                break;
            default:
                await WriteJsonAsync(context, new { ok = false, error = "unknown_method" });
                break;
        }
    }

    /// <summary>The link chat.getPermalink gives a message of the fake workspace (https://fake.slack.com/, as auth.test says).</summary>
    public static string Permalink(string channel, string ts) => $"https://fake.slack.com/archives/{channel}/p{ts.Replace(".", string.Empty, StringComparison.Ordinal)}";

    /// <summary>
    /// The channel's messages the fake was asked to post, newest first, as conversations.history
    /// gives them: metadata only with <c>include_all_metadata</c>.
    /// </summary>
    private List<Dictionary<string, object?>> History(FakeCall call)
    {
        var withMetadata = call.Str("include_all_metadata") == "true";
        var oldest = double.TryParse(call.Str("oldest"), NumberStyles.Float, CultureInfo.InvariantCulture, out var since) ? since : 0;
        return [.. _allCalls
            .Where(posted => posted.Method == "chat.postMessage" && posted.Str("channel") == call.Str("channel") && posted.IssuedTs is not null)
            .Where(posted => double.Parse(posted.IssuedTs!, CultureInfo.InvariantCulture) >= oldest)
            .OrderByDescending(posted => posted.IssuedTs, StringComparer.Ordinal)
            .Select(posted =>
            {
                var message = new Dictionary<string, object?> { ["type"] = "message", ["ts"] = posted.IssuedTs, ["bot_id"] = BotId, ["text"] = posted.Str("text") };
                if (withMetadata && posted.Body.TryGetProperty("metadata", out var metadata))
                {
                    message["metadata"] = metadata;
                }

                return message;
            })];
    }

    /// <summary>A user object shaped like the one in users.info's documentation; the locale only when asked for.</summary>
    private Dictionary<string, object?> UserInfo(FakeCall call)
    {
        var id = call.Str("user") ?? string.Empty;
        var user = new Dictionary<string, object?>
        {
            ["id"] = id, ["team_id"] = "T012AB3C4", ["name"] = "spengler", ["deleted"] = false, ["real_name"] = "Egon Spengler",
            ["tz"] = "America/Los_Angeles", ["tz_label"] = "Pacific Daylight Time", ["tz_offset"] = -25200, ["is_bot"] = false,
        };
        if (call.Str("include_locale") == "true")
        {
            user["locale"] = UserLocales.TryGetValue(id, out var locale) ? locale : "en-US";
        }

        return user;
    }

    private async Task HandleHookAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request);
        var call = new FakeCall("response_url", body, context.Request.Headers.Authorization.ToString(), _time.GetUtcNow(), context.Request.Path);
        _allCalls.Add(call);
        await CallsOf(call.Method).Writer.WriteAsync(call);
        context.Response.StatusCode = (int)HttpStatusCode.OK;
        await context.Response.WriteAsync("ok");
    }

    private async Task HandleSocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var webSocket = await context.WebSockets.AcceptWebSocketAsync();
        var number = Interlocked.Increment(ref _socketCount);
        var silent = SilentSockets > 0;
        if (silent)
        {
            SilentSockets--;
        }

        var socket = new FakeSocket(webSocket, context, number, silent);
        if (AutoHello)
        {
            await socket.SendHelloAsync();
        }

        await _sockets.Writer.WriteAsync(socket);
        await socket.RunAsync();
    }

    /// <summary>Like Slack's: the posting time in microseconds, one higher than the last if the clock has not moved.</summary>
    private string NextTs()
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        long value;
        long last;
        do
        {
            last = Interlocked.Read(ref _ts);
            value = Math.Max(last + 1, now);
        }
        while (Interlocked.CompareExchange(ref _ts, value, last) != last);

        return (value / 1_000_000).ToString(CultureInfo.InvariantCulture) + "." + (value % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static async Task<JsonElement> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        if (request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true && text.Length > 0)
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }

        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(text).ToDictionary(pair => pair.Key, pair => pair.Value.ToString());
        return JsonSerializer.SerializeToElement(form);
    }

    private static Task WriteJsonAsync(HttpContext context, object value)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(value));
    }
}
