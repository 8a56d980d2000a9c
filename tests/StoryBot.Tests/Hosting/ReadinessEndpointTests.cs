using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StoryBot.Hosting;
using StoryBot.Testing;

namespace StoryBot.Tests.Hosting;

/// <summary>
/// /readyz is the state store's health check over HTTP (its outage behaviour is shown against a real
/// PostgreSQL in State.Tests/Outage); /healthz only says the process serves.
/// </summary>
public sealed class ReadinessEndpointTests
{
    [Fact]
    public async Task ReadinessIsHealthyWhenTheStateStoreAnswers()
    {
        var folder = Path.Combine(Path.GetTempPath(), "storybot-readyz-" + Guid.NewGuid().ToString("N"));
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--Knowledge:Path={RepositoryFiles.Knowledge}",
            "--Knowledge:Reload=false",
            "--Slack:BotToken=xoxb-not-a-real-token",
            "--Slack:SigningSecret=secret",
            $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "state.db")}",
        ];
        using var host = StoryBotApp.Build(RunMode.Parse(args));
        await host.StartAsync();
        try
        {
            var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient();
            using var ready = await http.GetAsync(new Uri(address + "/readyz"));
            using var live = await http.GetAsync(new Uri(address + "/healthz"));

            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        finally
        {
            await host.StopAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
