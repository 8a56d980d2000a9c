using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StoryBot.Hosting;
using StoryBot.Testing;
using StoryBot.Testing.Slack;

namespace StoryBot.Tests.Telemetry;

/// <summary>The Prometheus scrape endpoint of a bot serving Slack over HTTP, after one question.</summary>
public sealed class PrometheusScrapeTests : IAsyncLifetime
{
    private const string SigningSecret = "prometheus-test-secret";
    private readonly string _state = Path.Combine(Path.GetTempPath(), "storybot-prometheus-" + Guid.NewGuid().ToString("N"));
    private FakeSlack _slack = null!;
    private IHost _host = null!;
    private string _baseUrl = string.Empty;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_state);
        _slack = await FakeSlack.StartAsync();
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--Knowledge:Path={RepositoryFiles.Knowledge}",
            "--Knowledge:Reload=false",
            "--Answering:Mode=Lexical",
            $"--Storage:ConnectionString=Data Source={Path.Combine(_state, "storybot.db")}",
            "--Slack:BotToken=xoxb-not-a-real-token",
            $"--Slack:SigningSecret={SigningSecret}",
            $"--Slack:ApiBaseUrl={_slack.ApiBaseUrl}",
            "--Telemetry:Prometheus:Enabled=true",
            "--Telemetry:Prometheus:Path=/scrape",
            "--Health:Urls=http://127.0.0.1:0",
        ];
        _host = StoryBotApp.Build(RunMode.Parse(args));
        await _host.StartAsync();
        _baseUrl = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _slack.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_state, recursive: true);
    }

    [Fact]
    public async Task AnAnsweredSlashCommandShowsInTheScrapeByPlatformCommandAndOutcome()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        var form = SlackPayloads.SlashCommandForm("/who-is", "altman", _slack.ResponseUrl("scrape"));
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var command = new HttpRequestMessage(HttpMethod.Post, "/slack/commands") { Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded") };
        command.Headers.Add("X-Slack-Request-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        command.Headers.Add("X-Slack-Signature", SlackSigner.Sign(SigningSecret, timestamp, form));

        using var response = await http.SendAsync(command);
        await _slack.NextCallAsync("chat.postMessage");
        var scrape = await http.GetStringAsync("/scrape");

        response.EnsureSuccessStatusCode();

        // The exporter reads every meter named StoryBot in the process: other tests' hosts may add series of their own.
        var answered = scrape.Split('\n')
            .Where(l => l.StartsWith("storybot_questions_total{", StringComparison.Ordinal)
                && l.Contains("storybot_command=\"who-is\"", StringComparison.Ordinal)
                && l.Contains("storybot_outcome=\"answered\"", StringComparison.Ordinal)
                && l.Contains("storybot_platform=\"slack\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
        Assert.True(answered >= 1, scrape);
        Assert.Contains("storybot_acknowledgement_duration_seconds_count{", scrape, StringComparison.Ordinal);
        Assert.Contains("storybot_queue_depth{", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("U123ABC456", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain(SlackPayloads.Channel, scrape, StringComparison.Ordinal);
    }
}
