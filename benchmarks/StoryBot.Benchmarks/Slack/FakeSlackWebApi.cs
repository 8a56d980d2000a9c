using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StoryBot.Benchmarks.Support;

namespace StoryBot.Benchmarks.Slack;

/// <summary>
/// The Slack Web API methods the answers go to, on loopback, answering like Slack (no rate limits),
/// so the load run includes posting every answer; and Socket Mode's <c>apps.connections.open</c>
/// with the WebSocket it points to (<see cref="SocketModeLink"/>).
/// </summary>
internal sealed class FakeSlackWebApi : IAsyncDisposable
{
    private LoopbackApi _api = null!;
    private long _ts = 1_700_000_000_000_000;
    private long _posts;
    private long _responseUrlPosts;

    public Uri ApiBaseUrl => new(new Uri(_api.Address), "/api/");

    public long Posts => Interlocked.Read(ref _posts);

    /// <summary>Replies sent through a command's response_url (the private ones, and where the bot may not post).</summary>
    public long ResponseUrlPosts => Interlocked.Read(ref _responseUrlPosts);

    /// <summary>A response_url prefix; the request's number goes after it.</summary>
    public string ResponseUrlBase => _api.Address + "/hooks/";

    public SocketModeLink Link { get; } = new();

    /// <summary>Where a Socket Mode client of <paramref name="who"/> connects.</summary>
    public Uri LinkUrl(string who) => new(_api.Address.Replace("http://", "ws://", StringComparison.Ordinal) + "/link?who=" + who);

    public static async Task<FakeSlackWebApi> StartAsync()
    {
        var fake = new FakeSlackWebApi();
        fake._api = await LoopbackApi.StartAsync(app =>
        {
            app.UseWebSockets();
            app.MapPost("/api/apps.connections.open", () => Results.Json(new { ok = true, url = fake.LinkUrl(SocketModeLink.Bot).ToString() }));
            app.Map("/link", (HttpContext context) => fake.Link.AcceptAsync(context, context.Request.Query["who"].ToString()));
            app.MapPost("/api/auth.test", () => Results.Json(new { ok = true, user_id = "U0LOADBOT", bot_id = "B0LOADBOT" }));
            app.MapPost("/api/chat.postMessage", async (HttpContext context) =>
            {
                await context.Request.Body.CopyToAsync(Stream.Null);
                Interlocked.Increment(ref fake._posts);
                var value = Interlocked.Increment(ref fake._ts);
                var ts = (value / 1_000_000).ToString(CultureInfo.InvariantCulture) + "." + (value % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
                return Results.Json(new { ok = true, ts });
            });
            app.MapPost("/hooks/{id}", async (HttpContext context) =>
            {
                await context.Request.Body.CopyToAsync(Stream.Null);
                Interlocked.Increment(ref fake._responseUrlPosts);
                return Results.Text("ok");
            });
        });
        return fake;
    }

    public ValueTask DisposeAsync() => _api.DisposeAsync();
}
