using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StoryBot.ConsoleChat;
using StoryBot.Core;
using StoryBot.Hosting;
using StoryBot.Hosting.Health;
using StoryBot.Testing;
using StoryBot.Testing.Discord;
using StoryBot.Testing.Slack;
using StoryBot.Tests.TestSupport;

namespace StoryBot.Tests.Hosting.Health;

/// <summary>Where the probes are answered, and what an answer says.</summary>
public sealed class HealthListenerTests
{
    [Fact]
    public async Task WithSocketModeOnlyTheHealthListenerAnswersThoughNoWebServerRuns()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var bot = await ProbedBot.StartAsync(SocketModeOnly(slack));

        var ready = await bot.UntilAsync(HealthEndpoints.Ready, probe => probe.Overall == "Healthy");
        var live = await bot.GetAsync(HealthEndpoints.Live);

        Assert.Null(bot.Host.Services.GetService<IServer>());
        Assert.Equal(["host", "knowledge-pack", "slack-socket-mode", "state-store"], ready.CheckNames);
        Assert.Equal("Healthy", ready.Overall);
        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal(["workers"], live.CheckNames);
        Assert.DoesNotContain("xoxb-", ready.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await bot.GetAsync(HealthEndpoints.ReadyAlias)).Status);
        Assert.Equal(HttpStatusCode.OK, (await bot.GetAsync(HealthEndpoints.LiveAlias)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await bot.GetAsync("/slack/events")).Status);
    }

    [Fact]
    public async Task WithDiscordTheHealthListenerAnswersForTheGatewayAndTheInteractionsEndpoint()
    {
        await using var discord = await FakeDiscord.StartAsync();
        await using var bot = await ProbedBot.StartAsync(Discord(discord));
        var connection = await discord.NextGatewayConnectionAsync();

        var waiting = await bot.GetAsync(HealthEndpoints.Ready);
        await connection.SendHelloAsync(heartbeatIntervalMs: 3_600_000);
        await connection.ReceiveAsync();
        await connection.SendReadyAsync("session-health", discord.ResumeGatewayUrl);
        var ready = await bot.UntilAsync(HealthEndpoints.Ready, probe => probe.Overall == "Healthy");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, waiting.Status);
        Assert.Equal("Unhealthy", waiting.StatusOf("discord-gateway"));
        Assert.Equal(["discord-gateway", "host", "http-endpoints", "knowledge-pack", "state-store"], ready.CheckNames);
        Assert.Equal("Healthy", ready.Overall);
        Assert.StartsWith("session ready", ready.DescriptionOf("discord-gateway"), StringComparison.Ordinal);
        Assert.DoesNotContain(FakeDiscord.Token, ready.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithOnlyASummaryScheduleTheHealthListenerAnswersBesideTheConsoleChat()
    {
        var input = new System.IO.Pipelines.Pipe();
        await using var bot = await ProbedBot.StartAsync(
            [
                "--Summaries:Schedules:0:Name=daily",
                "--Summaries:Schedules:0:Platform=console",
                "--Summaries:Schedules:0:ChannelId=console",
                "--Summaries:Schedules:0:Time=09:00",
                "--Summaries:Schedules:0:TimeZone=Europe/Berlin",
                "--Summaries:Schedules:0:Language=en",
            ],
            services => services.AddSingleton(new ConsoleStreams(new StreamReader(input.Reader.AsStream()), TextWriter.Null, TextWriter.Null)));

        var ready = await bot.UntilAsync(HealthEndpoints.Ready, probe => probe.Status == HttpStatusCode.OK);

        Assert.Null(bot.Host.Services.GetService<IServer>());
        Assert.Equal(["host", "knowledge-pack", "state-store"], ready.CheckNames);
        Assert.Equal(HttpStatusCode.OK, (await bot.GetAsync(HealthEndpoints.Live)).Status);
    }

    [Fact]
    public async Task WithHttpEndpointsThePublicPortKeepsTheOlderPathsWithTheOverallStatusOnly()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var bot = await ProbedBot.StartAsync(SlackOverHttp(slack));
        var details = await bot.UntilAsync(HealthEndpoints.Ready, probe => probe.Overall == "Healthy");
        using var http = new HttpClient
        {
            BaseAddress = new Uri(bot.Host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()),
        };

        using var ready = await http.GetAsync(new Uri(HealthEndpoints.ReadyAlias, UriKind.Relative));
        using var live = await http.GetAsync(new Uri(HealthEndpoints.LiveAlias, UriKind.Relative));
        using var newPath = await http.GetAsync(new Uri(HealthEndpoints.Ready, UriKind.Relative));

        Assert.Equal("Healthy", details.StatusOf("http-endpoints"));
        Assert.StartsWith("listening on http://127.0.0.1:", details.DescriptionOf("http-endpoints"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("""{"status":"Healthy"}""", await ready.Content.ReadAsStringAsync());
        Assert.Equal("application/json", ready.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("""{"status":"Healthy"}""", await live.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, newPath.StatusCode);
    }

    [Fact]
    public async Task ACheckThatFailsIsNamedWithItsExceptionTypeButNeitherItsMessageNorItsStack()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var bot = await ProbedBot.StartAsync(
            SocketModeOnly(slack),
            services => services.AddHealthChecks().AddCheck("exploding", () => throw new InvalidOperationException("xoxb-leaked-token"), tags: [HealthTags.Ready]));

        var ready = await bot.UntilAsync(HealthEndpoints.Ready, probe => probe.Says("state-store", "Healthy"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.Equal("Unhealthy", ready.Overall);
        Assert.Equal("the check failed (InvalidOperationException)", ready.DescriptionOf("exploding"));
        Assert.DoesNotContain("xoxb-leaked-token", ready.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", ready.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadinessFailsAsSoonAsTheBotBeginsToStopWhileLivenessStillAnswers()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var bot = await ProbedBot.StartAsync(SocketModeOnly(slack));
        await bot.UntilAsync(HealthEndpoints.Ready, probe => probe.Overall == "Healthy");

        bot.Host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var ready = await bot.GetAsync(HealthEndpoints.Ready);
        var live = await bot.GetAsync(HealthEndpoints.Live);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.Equal("stopping", ready.DescriptionOf("host"));
        Assert.Equal(HttpStatusCode.OK, live.Status);
    }

    [Fact]
    public void TheConsoleChatAndTheOneShotModesOpenNoPort()
    {
        string[] console = [$"--Knowledge:Path={RepositoryFiles.Knowledge}"];
        using var chat = StoryBotApp.Build(RunMode.Parse(console));
        using var ask = StoryBotApp.Build(RunMode.Parse(["ask", "--json", .. console, "--Slack:BotToken=xoxb-not-a-real-token"]));

        Assert.Null(chat.Services.GetService<HealthListener>());
        Assert.Null(ask.Services.GetService<HealthListener>());
    }

    [Fact]
    public void AnAddressTheListenerCannotUseStopsTheStartNamingTheSetting()
    {
        using var host = StoryBotApp.Build(RunMode.Parse(
            [$"--Knowledge:Path={RepositoryFiles.Knowledge}", "--Slack:BotToken=xoxb-not-a-real-token", "--Slack:AppToken=xapp-not-a-real-token", "--Health:Urls=https://127.0.0.1:8443;ftp://127.0.0.1:21"]));

        var failure = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.True(StartupFailure.IsStartupFailure(failure));
        Assert.Contains("Health:Urls: 'https://127.0.0.1:8443' is not an http:// address", StartupFailure.Describe(failure), StringComparison.Ordinal);
        Assert.Contains("Health:Urls: 'ftp://127.0.0.1:21'", StartupFailure.Describe(failure), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APortThatIsTakenStopsTheStartNamingTheSetting()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        await using var bot = ProbedBot.Build(["--Slack:BotToken=xoxb-not-a-real-token", "--Slack:AppToken=xapp-not-a-real-token", $"--Health:Urls=http://127.0.0.1:{port}"]);

        var failure = await Assert.ThrowsAsync<StartupProblemException>(() => bot.Listener.StartAsync(CancellationToken.None));

        Assert.True(StartupFailure.IsStartupFailure(failure));
        Assert.Contains($"http://127.0.0.1:{port}", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Set Health:Urls", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Discord as it must be configured: a token, an application id and the public key, so the
    /// interactions endpoint, and with it a web server, runs beside the Gateway.
    /// </summary>
    internal static string[] Discord(FakeDiscord discord)
    {
        using var signer = new Ed25519Signer();
        return
        [
            "--urls=http://127.0.0.1:0",
            $"--Discord:Token={FakeDiscord.Token}",
            $"--Discord:ApplicationId={FakeDiscord.ApplicationId}",
            $"--Discord:PublicKey={signer.PublicKeyHex}",
            $"--Discord:ApiBaseUrl={discord.ApiBaseUrl}",
            "--Discord:RegisterCommands=false",
        ];
    }

    /// <summary>Slack over Socket Mode alone: nothing listens for Slack, no web server runs.</summary>
    internal static string[] SocketModeOnly(FakeSlack slack) =>
        ["--Slack:BotToken=xoxb-not-a-real-token", "--Slack:AppToken=xapp-not-a-real-token", $"--Slack:ApiBaseUrl={slack.ApiBaseUrl}"];

    internal static string[] SlackOverHttp(FakeSlack slack) =>
        ["--urls=http://127.0.0.1:0", "--Slack:BotToken=xoxb-not-a-real-token", "--Slack:SigningSecret=not-a-real-secret", $"--Slack:ApiBaseUrl={slack.ApiBaseUrl}"];
}
