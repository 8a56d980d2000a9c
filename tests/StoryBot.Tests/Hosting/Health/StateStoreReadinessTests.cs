using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using StoryBot.Hosting.Health;
using StoryBot.Testing.Slack;
using StoryBot.Testing.Storage;
using StoryBot.Tests.TestSupport;

namespace StoryBot.Tests.Hosting.Health;

/// <summary>
/// The state store's readiness, which asks the store in the background and at most once per
/// <see cref="BackgroundHealthCheck.MaxAge"/> on the bot's clock, so a probe never waits on it.
/// </summary>
public sealed class StateStoreReadinessTests
{
    [PostgresFact]
    public async Task ReadinessIs503WhileThePostgresServerCannotBeReachedAnd200OnceItIsBack()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var name = "storybot_readyz_" + Guid.NewGuid().ToString("N");
        var server = new NpgsqlConnectionStringBuilder(await PostgresTestServer.CreateDatabaseAsync(name));
        try
        {
            await using var proxy = new LoopbackTcpProxy(server.Host ?? "127.0.0.1", server.Port);
            var throughProxy = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 5 };
            await using var slack = await FakeSlack.StartAsync();
            await using var bot = await ProbedBot.StartAsync(
                [.. HealthListenerTests.SocketModeOnly(slack), "--Storage:Provider=postgres", $"--Storage:ConnectionString={throughProxy.ConnectionString}"],
                services => services.AddSingleton<TimeProvider>(clock));
            var before = await bot.UntilAsync(HealthEndpoints.Ready, probe => probe.Overall == "Healthy");

            proxy.Cut();
            var stillKnown = await bot.GetAsync(HealthEndpoints.Ready);
            var during = await bot.UntilAsync(HealthEndpoints.Ready, probe => probe.Says("state-store", "Unhealthy") || AskAgainLater(clock));
            var live = await bot.GetAsync(HealthEndpoints.Live);

            // Connections the cut broke may still sit in the pool, and each failed check discards one.
            proxy.Restore();
            var after = await bot.UntilAsync(HealthEndpoints.Ready, probe => probe.Status == HttpStatusCode.OK || AskAgainLater(clock));

            Assert.Equal("Healthy", before.StatusOf("state-store"));
            Assert.Equal("Healthy", stillKnown.StatusOf("state-store"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, during.Status);
            Assert.DoesNotContain(server.Password!, during.Body, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, live.Status);
            Assert.Equal(HttpStatusCode.OK, after.Status);
        }
        finally
        {
            await PostgresTestServer.DropDatabaseAsync(name);
        }
    }

    /// <summary>Lets the last result age, so the next probe starts a new run; false, to ask again.</summary>
    private static bool AskAgainLater(FakeTimeProvider clock)
    {
        clock.Advance(BackgroundHealthCheck.MaxAge);
        return false;
    }
}
