using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StoryBot.Benchmarks.Discord;

/// <summary>
/// The one REST route an inline answer leads to when state is on: reading back the interaction's
/// original message for its id, so the answer can be recorded for reports and corrections.
/// </summary>
internal sealed class FakeDiscordWebhooks : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _nextId = 1_200_000_000_000_000_000;
    private long _reads;

    private FakeDiscordWebhooks(WebApplication app) => _app = app;

    public string ApiBaseUrl { get; private set; } = null!;

    public long Reads => Interlocked.Read(ref _reads);

    public static async Task<FakeDiscordWebhooks> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeDiscordWebhooks(app);
        app.MapGet("/api/v10/webhooks/{applicationId}/{token}/messages/@original", (string applicationId) =>
        {
            Interlocked.Increment(ref fake._reads);
            var id = Interlocked.Increment(ref fake._nextId).ToString(CultureInfo.InvariantCulture);
            return Results.Json(new { id, channel_id = "41771983423143937", application_id = applicationId });
        });
        await app.StartAsync();
        fake.ApiBaseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/api/v10";
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
