using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StoryBot.Core;

namespace StoryBot.Dashboard.Listening;

/// <summary>
/// The life of a small web server of the bot's own, beside the web server that faces Discord and
/// Slack (the dashboard, the health probes): built empty, so none of the bot's web configuration
/// (urls, <c>Kestrel:Endpoints</c>) applies to it; logging only the bot's warnings and errors (a line
/// per request would drown everything else); stopped by the bot's host, never by SIGTERM itself.
/// Started once (a second start does nothing); an address it cannot listen on stops the start with
/// a <see cref="StartupProblemException"/> naming the setting; where it listens is read back, so a
/// port 0 in the settings becomes the one chosen.
/// </summary>
/// <remarks>
/// Here because this is the project with ASP.NET Core that the host already references; the host's
/// health listener uses it too. Core has no ASP.NET Core.
/// </remarks>
/// <param name="name">What the server is, as the start-up problem names it ("The dashboard").</param>
/// <param name="urlsSetting">The setting its addresses come from ("Dashboard:Urls").</param>
/// <param name="logs">The bot's log providers; the server writes to them at Warning and above.</param>
public sealed class OwnWebServer(string name, string urlsSetting, IEnumerable<ILoggerProvider> logs) : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly LoggerFactory _logs = new(logs, new LoggerFilterOptions { MinLevel = LogLevel.Warning });
    private WebApplication? _server;

    /// <summary>Where it listens once started (a port 0 in the settings becomes the one chosen).</summary>
    public IReadOnlyList<string> Addresses { get; private set; } = [];

    /// <summary>The server's logging: the bot's, warnings and errors only.</summary>
    public ILoggerFactory Logs => _logs;

    /// <summary>An empty application on Kestrel listening on <paramref name="urls"/>, with the server's logging and no console lifetime of its own.</summary>
    public WebApplicationBuilder CreateBuilder(IEnumerable<string> urls, WebApplicationOptions? options = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(options ?? new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.UseUrls([.. urls]);
        builder.Services.AddSingleton<ILoggerFactory>(_logs);

        // The bot's host alone answers SIGTERM; this server stops when that host stops it.
        builder.Services.AddSingleton<IHostLifetime, NoConsoleLifetime>();
        return builder;
    }

    /// <summary>Starts the server <paramref name="build"/> makes, listening on <paramref name="urls"/> (as the setting says them).</summary>
    /// <returns>True when it started now; false when it had been started before, and nothing was done.</returns>
    public async Task<bool> StartAsync(Func<WebApplication> build, string urls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_server is not null)
            {
                return false;
            }

            var server = build();
            try
            {
                await server.StartAsync(cancellationToken);
            }
            catch (IOException exception)
            {
                await server.DisposeAsync();
                throw new StartupProblemException(
                    $"{name} cannot listen on {urls}: {exception.Message} Set {urlsSetting} to an address this machine can listen on.",
                    exception);
            }

            _server = server;
            Addresses = [.. server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses];
            return true;
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
        _logs.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private sealed class NoConsoleLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
