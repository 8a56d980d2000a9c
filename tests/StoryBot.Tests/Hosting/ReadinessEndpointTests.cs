using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using StoryBot.Hosting;
using StoryBot.Testing;
using StoryBot.Testing.Storage;
using StoryBot.Tests.TestSupport;

namespace StoryBot.Tests.Hosting;

/// <summary>
/// /readyz is the state store's health check over HTTP, on the host as it runs; /healthz only says
/// the process serves.
/// </summary>
public sealed class ReadinessEndpointTests
{
    // Safety net for a store that never comes back, not a timing assertion.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ReadinessIsHealthyWhenTheStateStoreAnswers()
    {
        var folder = Path.Combine(Path.GetTempPath(), "storybot-readyz-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var bot = await StartAsync($"--Storage:ConnectionString=Data Source={Path.Combine(folder, "state.db")}");
            using var ready = await bot.GetAsync("/readyz");
            using var live = await bot.GetAsync("/healthz");

            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [PostgresFact]
    public async Task ReadinessIs503WhileThePostgresServerCannotBeReachedAnd200OnceItIsBack()
    {
        var name = "storybot_readyz_" + Guid.NewGuid().ToString("N");
        var server = new NpgsqlConnectionStringBuilder(await PostgresTestServer.CreateDatabaseAsync(name));
        try
        {
            await using var proxy = new LoopbackTcpProxy(server.Host ?? "127.0.0.1", server.Port);
            var throughProxy = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 5 };
            await using var bot = await StartAsync("--Storage:Provider=postgres", $"--Storage:ConnectionString={throughProxy.ConnectionString}");
            using (var before = await bot.GetAsync("/readyz"))
            {
                Assert.Equal(HttpStatusCode.OK, before.StatusCode);
            }

            proxy.Cut();
            using (var during = await bot.GetAsync("/readyz"))
            using (var live = await bot.GetAsync("/healthz"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
                Assert.Equal("Unhealthy", await during.Content.ReadAsStringAsync());
                Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            }

            proxy.Restore();
            Assert.Equal(HttpStatusCode.OK, await bot.UntilReadyAsync());
        }
        finally
        {
            await PostgresTestServer.DropDatabaseAsync(name);
        }
    }

    private static async Task<Bot> StartAsync(params string[] storage)
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--Knowledge:Path={RepositoryFiles.Knowledge}",
            "--Knowledge:Reload=false",
            "--Slack:BotToken=xoxb-not-a-real-token",
            "--Slack:SigningSecret=secret",
            .. storage,
        ];
        var host = StoryBotApp.Build(RunMode.Parse(args));
        await host.StartAsync();
        return new Bot(host);
    }

    private sealed class Bot(IHost host) : IAsyncDisposable
    {
        private readonly HttpClient _http = new()
        {
            BaseAddress = new Uri(host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()),
        };

        public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(new Uri(path, UriKind.Relative));

        /// <summary>
        /// Asks as a load balancer would, until ready: connections the cut broke may still sit in the
        /// pool, and each failed check discards one.
        /// </summary>
        public async Task<HttpStatusCode> UntilReadyAsync()
        {
            var deadline = TimeProvider.System.GetUtcNow() + Patience;
            while (true)
            {
                using var ready = await GetAsync("/readyz");
                if (ready.StatusCode == HttpStatusCode.OK || TimeProvider.System.GetUtcNow() > deadline)
                {
                    return ready.StatusCode;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
            }
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await host.StopAsync();
            host.Dispose();
        }
    }
}
