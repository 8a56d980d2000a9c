using System.Net;
using System.Net.Sockets;
using StoryBot.Core;
using StoryBot.Dashboard.Tests.TestSupport;

namespace StoryBot.Dashboard.Tests;

public sealed class DashboardListenerTests
{
    [Fact]
    public async Task APortThatIsTakenStopsTheStartNamingTheSetting()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var failure = await Assert.ThrowsAsync<StartupProblemException>(() => DashboardBot.StartAsync([$"--Dashboard:Urls=http://127.0.0.1:{port}"]));

        Assert.Contains("Dashboard:Urls", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OffByDefaultNoDashboardListens()
    {
        await using var bot = await DashboardBot.StartAsync(["--Dashboard:Enabled=false"]);

        Assert.Null(bot.Services.GetService(typeof(DashboardListener)));
    }
}
