using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StoryBot.Benchmarks.Slack;

/// <summary>
/// The Slack Web API methods the answers go to, on loopback, answering like Slack (no rate limits),
/// so the load run includes posting every answer.
/// </summary>
internal sealed class FakeSlackWebApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _ts = 1_700_000_000_000_000;
    private long _posts;

    private FakeSlackWebApi(WebApplication app) => _app = app;

    public Uri ApiBaseUrl { get; private set; } = null!;

    public long Posts => Interlocked.Read(ref _posts);

    public static async Task<FakeSlackWebApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSlackWebApi(app);
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
            return Results.Text("ok");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fake.ApiBaseUrl = new Uri(new Uri(address), "/api/");
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
