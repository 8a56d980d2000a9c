using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Core;
using StoryBot.Dashboard.SignIn;

namespace StoryBot.Dashboard;

/// <summary>
/// Serves the dashboard on <see cref="DashboardOptions.Urls"/>, a listener of its own: it runs
/// whether or not the bot has a web server for Discord or Slack, stays on loopback while that one
/// faces the internet, and its pages never share a path with the platforms' endpoints. Once
/// listening, it logs the one-time sign-in link.
/// </summary>
internal sealed partial class DashboardListener(
    IServiceProvider bot,
    IOptions<DashboardOptions> options,
    SignInLinks links,
    TimeProvider time,
    IEnumerable<ILoggerProvider> logs,
    ILogger<DashboardListener> logger) : IHostedService, IAsyncDisposable
{
    // The bot's log, warnings and errors only: a line per request would drown everything else, and
    // the request lines would carry the sign-in token after it was used.
    private readonly LoggerFactory _serverLogs = new(logs, new LoggerFilterOptions { MinLevel = LogLevel.Warning });
    private WebApplication? _server;

    /// <summary>Where it listens once started (a port 0 in the settings becomes the one chosen).</summary>
    public IReadOnlyList<string> Addresses { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var server = DashboardWebApp.Build(bot, options.Value, _serverLogs);
        try
        {
            await server.StartAsync(cancellationToken);
        }
        catch (IOException exception)
        {
            await server.DisposeAsync();
            throw new StartupProblemException(
                $"The dashboard cannot listen on {options.Value.Urls}: {exception.Message} Set Dashboard:Urls to an address this machine can listen on.",
                exception);
        }

        _server = server;
        Addresses = [.. server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses];
        var expires = time.GetUtcNow() + options.Value.SignInLinkLifetime;

        // Logged as a warning so it shows at every log level, the console chat's included.
        LogSignInLink(SignInLink(links.Issue()), expires);
    }

    /// <summary>The address that signs in with <paramref name="token"/>.</summary>
    public string SignInLink(string token) => $"{Addresses[0].TrimEnd('/')}/SignIn?token={token}";

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

        _serverLogs.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard: sign in once at {Link} (valid until {Expires:u}; a restart prints a new one)")]
    private partial void LogSignInLink(string link, DateTimeOffset expires);
}
