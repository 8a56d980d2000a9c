using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Dashboard.Listening;
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
    // Its logs are the bot's, warnings and errors only: the request lines would carry the sign-in token after it was used.
    private readonly OwnWebServer _server = new("The dashboard", "Dashboard:Urls", logs);

    /// <summary>Where it listens once started (a port 0 in the settings becomes the one chosen).</summary>
    public IReadOnlyList<string> Addresses => _server.Addresses;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await _server.StartAsync(() => DashboardWebApp.Build(bot, options.Value, _server), options.Value.Urls, cancellationToken))
        {
            return;
        }

        var expires = time.GetUtcNow() + options.Value.SignInLinkLifetime;

        // Logged as a warning so it shows at every log level, the console chat's included.
        LogSignInLink(SignInLink(links.Issue()), expires);
    }

    /// <summary>The address that signs in with <paramref name="token"/>.</summary>
    public string SignInLink(string token) => $"{Addresses[0].TrimEnd('/')}/SignIn?token={token}";

    public Task StopAsync(CancellationToken cancellationToken) => _server.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard: sign in once at {Link} (valid until {Expires:u}; a restart prints a new one)")]
    private partial void LogSignInLink(string link, DateTimeOffset expires);
}
