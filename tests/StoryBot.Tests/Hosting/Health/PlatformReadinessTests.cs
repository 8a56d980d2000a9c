using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StoryBot.Hosting.Health;
using StoryBot.Testing.Discord;
using StoryBot.Testing.Slack;
using StoryBot.Tests.TestSupport;

namespace StoryBot.Tests.Hosting.Health;

/// <summary>
/// Readiness follows each configured platform connection: the fake platform takes it away and
/// gives it back, and the health listener says so. Protocol waits run on a fake clock.
/// </summary>
public sealed class PlatformReadinessTests
{
    [Fact]
    public async Task TheGatewayIsUnreadyOnceDiscordDropsTheSessionAndReadyAgainOnceItIsResumed()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var discord = await FakeDiscord.StartAsync();
        await using var bot = await ProbedBot.StartAsync(HealthListenerTests.Discord(discord), services => services.AddSingleton<TimeProvider>(clock));
        var first = await discord.NextGatewayConnectionAsync();
        await first.SendHelloAsync(heartbeatIntervalMs: 3_600_000);
        await first.ReceiveAsync();
        await first.SendReadyAsync("session-readiness", discord.ResumeGatewayUrl);
        var ready = await bot.UntilAsync(HealthEndpoints.Ready, probe => probe.Overall == "Healthy");

        await first.CloseAsync(4000);
        var dropped = await bot.UntilAsync(HealthEndpoints.Ready, probe => probe.Says("discord-gateway", "Unhealthy"));
        FakeGatewayConnection second;
        await using (new ClockPump(clock, TimeSpan.FromMilliseconds(100)))
        {
            second = await discord.NextGatewayConnectionAsync();
        }

        await second.SendHelloAsync(heartbeatIntervalMs: 3_600_000);
        var resumed = await second.AnswerResumeAsync(await second.ReceiveAsync());
        var back = await bot.UntilAsync(HealthEndpoints.Ready, probe => probe.Overall == "Healthy");

        Assert.StartsWith("session ready", ready.DescriptionOf("discord-gateway"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, dropped.Status);
        Assert.Contains("reconnecting to resume", dropped.DescriptionOf("discord-gateway"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await bot.GetAsync(HealthEndpoints.Live)).Status);
        Assert.True(resumed);
        Assert.Equal("/resume-gateway", second.Path);
        Assert.Equal(HttpStatusCode.OK, back.Status);
    }

    [Fact]
    public async Task SocketModeIsDegradedWhileOneConnectionIsGoneUnreadyWhileAllAreAndReadyOnceSlackIsBack()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var slack = await FakeSlack.StartAsync();
        await using var bot = await ProbedBot.StartAsync(
            [
                "--Slack:BotToken=xoxb-not-a-real-token",
                "--Slack:AppToken=xapp-not-a-real-token",
                $"--Slack:ApiBaseUrl={slack.ApiBaseUrl}",
                "--Slack:SocketConnections=2",
            ],
            services => services.AddSingleton<TimeProvider>(clock));
        var first = await slack.NextSocketAsync();
        var second = await slack.NextSocketAsync();
        var ready = await bot.UntilAsync(HealthEndpoints.Ready, probe => probe.Overall == "Healthy");

        first.DropAbruptly();
        var degraded = await bot.UntilAsync(HealthEndpoints.Ready, probe => probe.Says("slack-socket-mode", "Degraded"));
        second.DropAbruptly();
        var down = await bot.UntilAsync(HealthEndpoints.Ready, probe => probe.Says("slack-socket-mode", "Unhealthy"));
        await using (new ClockPump(clock, TimeSpan.FromMilliseconds(100)))
        {
            await slack.NextSocketAsync();
            await slack.NextSocketAsync();
        }

        var back = await bot.UntilAsync(HealthEndpoints.Ready, probe => probe.Overall == "Healthy");

        Assert.Equal("2 of 2 Socket Mode connections open", ready.DescriptionOf("slack-socket-mode"));
        Assert.Equal(HttpStatusCode.OK, degraded.Status);
        Assert.StartsWith("1 of 2 Socket Mode connections open; connection ", degraded.DescriptionOf("slack-socket-mode"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.Status);
        Assert.StartsWith("0 of 2 Socket Mode connections open", down.DescriptionOf("slack-socket-mode"), StringComparison.Ordinal);
        Assert.DoesNotContain("xapp-", down.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, back.Status);
    }
}
