using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Hosting;
using StoryBot.ConsoleChat;
using StoryBot.Core.Answering;
using StoryBot.Dashboard;
using StoryBot.Dashboard.SignIn;
using StoryBot.Hosting;
using StoryBot.Testing;

namespace StoryBot.Dashboard.Tests.TestSupport;

/// <summary>
/// The bot's host as Program builds it (the console chat, no platform) with the dashboard enabled on
/// a free loopback port, its state in a folder of its own, and its log collected.
/// </summary>
internal sealed partial class DashboardBot : IAsyncDisposable
{
    private DashboardBot(IHost host, string folder)
    {
        Host = host;
        Folder = folder;
    }

    public IHost Host { get; }

    public string Folder { get; }

    public IServiceProvider Services => Host.Services;

    public DashboardListener Listener => Services.GetRequiredService<DashboardListener>();

    public Uri Address => new(Listener.Addresses[0]);

    public FakeLogCollector Logs => Services.GetRequiredService<FakeLogCollector>();

    public static async Task<DashboardBot> StartAsync(IEnumerable<string>? settings = null, Action<IServiceCollection>? overrides = null)
    {
        var folder = Directory.CreateTempSubdirectory("storybot-dashboard-").FullName;
        string[] args =
        [
            "--Dashboard:Enabled=true",
            "--Dashboard:Urls=http://127.0.0.1:0",
            $"--Knowledge:Path={RepositoryFiles.Knowledge}",
            "--Knowledge:Reload=false",
            "--Answering:Mode=Lexical",
            $"--Storage:DataDirectory={folder}",
            $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "state.db")}",
            .. settings ?? [],
        ];
        var host = StoryBotApp.Build(RunMode.Parse(args), services =>
        {
            services.AddFakeLogging();

            // The console chat waits for a line that never comes; the tests ask through its conversation.
            services.AddSingleton(new ConsoleStreams(new SilentInput(), TextWriter.Null, TextWriter.Null));
            overrides?.Invoke(services);
        });
        var bot = new DashboardBot(host, folder);
        try
        {
            await host.StartAsync();
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }

        return bot;
    }

    /// <summary>The sign-in link the bot logged at start.</summary>
    public string LoggedSignInLink() =>
        Logs.GetSnapshot().Select(r => SignInLinkPattern().Match(r.Message)).First(m => m.Success).Value;

    /// <summary>A fresh one-time link, as a restart would print (for a second browser or client).</summary>
    public string NewSignInLink() => Listener.SignInLink(Services.GetRequiredService<SignInLinks>().Issue());

    /// <summary>Asks as the operator at the console does: answered, recorded, and tallied when unanswered.</summary>
    public Task<Reply> AskAsync(string line) =>
        Services.GetRequiredService<ConsoleConversation>().AskAsync(line, CancellationToken.None, conversation: ConsoleConversation.Conversation);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Host.StopAsync();
        }
        finally
        {
            if (Host is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
            else
            {
                Host.Dispose();
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Folder, recursive: true);
        }
    }

    [GeneratedRegex(@"http://\S+/SignIn\?token=[A-Za-z0-9_-]+")]
    private static partial Regex SignInLinkPattern();

    /// <summary>Input that never arrives, until the host stops.</summary>
    private sealed class SilentInput : TextReader
    {
        public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);
            return null;
        }
    }
}
