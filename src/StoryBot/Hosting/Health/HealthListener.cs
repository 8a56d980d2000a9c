using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Dashboard.Listening;

namespace StoryBot.Hosting.Health;

/// <summary>
/// A small web server of its own for liveness and readiness probes, on <see cref="HealthOptions.Urls"/>.
/// Its own, not a path on the web server that faces Discord and Slack: it runs when there is no
/// such server (Slack Socket Mode or summaries alone), a flood of connections there cannot starve
/// the probes, and what the checks say stays off the public address. It starts before the pack
/// loads (see Program), so liveness answers during a long start and readiness says what it waits for.
/// </summary>
internal sealed partial class HealthListener(
    IOptions<HealthOptions> options,
    HealthCheckService health,
    IEnumerable<ILoggerProvider> logs,
    ILogger<HealthListener> logger) : IHostedService, IAsyncDisposable, IDisposable
{
    private readonly OwnWebServer _server = new("The health listener", "Health:Urls", logs);

    /// <summary>Where it listens once started (a port 0 in the settings becomes the one chosen).</summary>
    public IReadOnlyList<string> Addresses => _server.Addresses;

    /// <summary>Starts listening; a second call does nothing.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await _server.StartAsync(Build, options.Value.Urls, cancellationToken))
        {
            LogListening(string.Join(", ", Addresses));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => _server.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    public void Dispose() => _server.Dispose();

    private WebApplication Build()
    {
        var builder = _server.CreateBuilder(options.Value.Addresses());
        builder.WebHost.ConfigureKestrel(kestrel => EndpointLimits.Apply(kestrel.Limits));
        var server = builder.Build();
        server.Run(AnswerAsync);
        return server;
    }

    private Task AnswerAsync(HttpContext context)
    {
        if (HealthEndpoints.TagOf(context.Request.Path) is not { } tag)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return Task.CompletedTask;
        }

        return HealthResponse.WriteAsync(context, health, tag, details: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Health probes answer on {Addresses} (/health/live, /health/ready)")]
    private partial void LogListening(string addresses);
}
