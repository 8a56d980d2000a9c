using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.Hosting.Health;
using StoryBot.Testing;
using StoryBot.Testing.Slack;
using StoryBot.Tests.TestSupport;

namespace StoryBot.Tests.Hosting.Health;

public sealed class KnowledgePackReadinessTests
{
    [Fact]
    public async Task WhileThePackLoadsTheBotIsAliveButNotReady()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var bot = ProbedBot.Build(HealthListenerTests.SocketModeOnly(slack));

        // As Program does: the listener first, then the pack, then the rest.
        await bot.Listener.StartAsync(CancellationToken.None);
        var live = await bot.GetAsync(HealthEndpoints.Live);
        var loading = await bot.GetAsync(HealthEndpoints.Ready);
        _ = bot.Host.Services.GetRequiredService<IKnowledgeProvider>().Current;
        var loaded = await bot.GetAsync(HealthEndpoints.Ready);
        await bot.StartAsync();
        var ready = await bot.UntilAsync(HealthEndpoints.Ready, probe => probe.Overall == "Healthy");

        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, loading.Status);
        Assert.Equal("Unhealthy", loading.StatusOf("knowledge-pack"));
        Assert.Equal("the knowledge pack is loading", loading.DescriptionOf("knowledge-pack"));
        Assert.Equal("starting", loading.DescriptionOf("host"));
        Assert.Equal("not checked before the bot has started", loading.DescriptionOf("state-store"));
        Assert.Equal("Healthy", loaded.StatusOf("knowledge-pack"));
        Assert.StartsWith("story stargate-dispute, version ", loaded.DescriptionOf("knowledge-pack"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, loaded.Status);
        Assert.Equal("Healthy", ready.Overall);
    }

    [Fact]
    public async Task AnEditThatDoesNotLoadLeavesTheBotAnsweringButDegradedUntilTheFolderLoadsAgain()
    {
        var knowledge = Directory.CreateTempSubdirectory("storybot-health-pack-").FullName;
        try
        {
            CopyDirectory(RepositoryFiles.Knowledge, knowledge);
            var summary = Path.Combine(knowledge, "stargate-dispute", "summary.yaml");
            var good = await File.ReadAllTextAsync(summary);
            await using var slack = await FakeSlack.StartAsync();
            await using var bot = await ProbedBot.StartAsync([.. HealthListenerTests.SocketModeOnly(slack), $"--Knowledge:Path={knowledge}"]);
            var pack = bot.Host.Services.GetRequiredService<KnowledgePackProvider>();
            await bot.UntilAsync(HealthEndpoints.Ready, probe => probe.Overall == "Healthy");

            await File.WriteAllTextAsync(summary, good + "\n  not: [valid yaml\n");
            Assert.False(pack.Reload());
            var degraded = await bot.GetAsync(HealthEndpoints.Ready);
            await File.WriteAllTextAsync(summary, good);
            pack.Reload();
            var healthy = await bot.GetAsync(HealthEndpoints.Ready);

            Assert.Equal(HttpStatusCode.OK, degraded.Status);
            Assert.Equal("Degraded", degraded.Overall);
            Assert.Contains("did not load", degraded.DescriptionOf("knowledge-pack"), StringComparison.Ordinal);
            Assert.Equal("Healthy", healthy.StatusOf("knowledge-pack"));
            Assert.Equal("Healthy", healthy.Overall);
        }
        finally
        {
            Directory.Delete(knowledge, recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
        }
    }
}
