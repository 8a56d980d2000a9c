using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StoryBot.Tests.Telemetry;

/// <summary>
/// An OpenTelemetry collector's OTLP/HTTP receiver on loopback: it takes protobuf exports on
/// <c>/v1/traces</c>, <c>/v1/metrics</c> and <c>/v1/logs</c> and answers as a collector does
/// (200, an empty export response), keeping what it was sent.
/// </summary>
internal sealed class FakeOtlpCollector : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Signal, string ContentType, byte[] Body)> _exports = new();
    private WebApplication _app = null!;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<(string Signal, string ContentType, byte[] Body)> Exports => [.. _exports];

    public static async Task<FakeOtlpCollector> StartAsync()
    {
        var collector = new FakeOtlpCollector();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        collector._app = builder.Build();
        collector._app.MapPost("/v1/{signal}", async (string signal, HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            collector._exports.Enqueue((signal, context.Request.ContentType ?? string.Empty, body.ToArray()));
            return Results.Bytes([], "application/x-protobuf");
        });
        await collector._app.StartAsync();
        collector.BaseUrl = new Uri(collector._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return collector;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
