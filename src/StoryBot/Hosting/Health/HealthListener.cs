using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Core;

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
    private readonly SemaphoreSlim _gate = new(1, 1);

    // The bot's log, warnings and errors only: a line per probe would drown everything else.
    private readonly LoggerFactory _serverLogs = new(logs, new LoggerFilterOptions { MinLevel = LogLevel.Warning });
    private WebApplication? _server;

    /// <summary>Where it listens once started (a port 0 in the settings becomes the one chosen).</summary>
    public IReadOnlyList<string> Addresses { get; private set; } = [];

    /// <summary>Starts listening; a second call does nothing.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_server is not null)
            {
                return;
            }

            var server = Build();
            try
            {
                await server.StartAsync(cancellationToken);
            }
            catch (IOException exception)
            {
                await server.DisposeAsync();
                throw new StartupProblemException(
                    $"The health listener cannot listen on {options.Value.Urls}: {exception.Message} Set Health:Urls to an address this machine can listen on.",
                    exception);
            }

            _server = server;
            Addresses = [.. server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses];
            LogListening(string.Join(", ", Addresses));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server)
        {
            await server.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.DisposeAsync();
        }

        _gate.Dispose();
        _serverLogs.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private WebApplication Build()
    {
        // Empty: none of the bot's configuration (urls, Kestrel:Endpoints) applies to this server.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => EndpointLimits.Apply(kestrel.Limits));
        builder.WebHost.UseUrls([.. options.Value.Addresses()]);
        builder.Services.AddSingleton<ILoggerFactory>(_serverLogs);

        // The bot's host alone answers SIGTERM; this server stops when that host stops it, last.
        builder.Services.AddSingleton<IHostLifetime, NoConsoleLifetime>();
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

    private sealed class NoConsoleLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
