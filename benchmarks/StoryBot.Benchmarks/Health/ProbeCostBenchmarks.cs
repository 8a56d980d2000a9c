using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using StoryBot.Benchmarks.Slack;
using StoryBot.Benchmarks.Support;
using StoryBot.Hosting;

namespace StoryBot.Benchmarks.Health;

/// <summary>
/// What an operator's probes cost the running bot: liveness and readiness on the health listener
/// and the Prometheus scrape on the web host, each one GET over loopback, side by side with the
/// same GET to a plain Kestrel endpoint that answers fixed bytes (the HTTP round trip alone). The
/// bot runs as in production on Slack's HTTP endpoints, against a fake Slack Web API, with its
/// instruments filled by a few answered questions first.
/// Run: dotnet run -c Release --project benchmarks/StoryBot.Benchmarks -- --filter '*ProbeCost*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class ProbeCostBenchmarks : IDisposable
{
    private FakeSlackWebApi? _slack;
    private LoopbackApi? _plain;
    private IHost? _bot;
    private HttpClient? _http;
    private Uri _health = null!;
    private Uri _web = null!;
    private string? _dataDirectory;

    [GlobalSetup]
    public void Start() => StartAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Dispose()
    {
        _bot?.StopAsync().GetAwaiter().GetResult();
        _bot?.Dispose();
        _plain?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _slack?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _http?.Dispose();
        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "plain Kestrel GET")]
    public Task<int> PlainEndpoint() => GetAsync(new Uri(_plain!.Address + "/ok"));

    [Benchmark(Description = "/health/live")]
    public Task<int> Liveness() => GetAsync(new Uri(_health, "/health/live"));

    [Benchmark(Description = "/health/ready")]
    public Task<int> Readiness() => GetAsync(new Uri(_health, "/health/ready"));

    [Benchmark(Description = "/metrics")]
    public Task<int> Metrics() => GetAsync(new Uri(_web, "/metrics"));

    private Task<int> GetAsync(Uri uri) => LoopbackGet.BodyLengthAsync(_http!, uri);

    private async Task StartAsync()
    {
        _http = new HttpClient();
        _slack = await FakeSlackWebApi.StartAsync();
        _plain = await LoopbackApi.StartAsync(app => app.MapGet("/ok", () => Results.Text("""{"status":"Healthy"}""", "application/json")));
        _dataDirectory = Directory.CreateTempSubdirectory("storybot-probes-").FullName;
        _web = new Uri($"http://127.0.0.1:{LoopbackGet.FreePort()}");
        _health = new Uri($"http://127.0.0.1:{LoopbackGet.FreePort()}");
        _bot = StoryBotApp.Build(RunMode.Parse(
        [
            $"--Knowledge:Path={RepositoryPack.KnowledgePath()}",
            $"--Storage:DataDirectory={_dataDirectory}",
            "--Slack:BotToken=xoxb-probe-benchmark",
            $"--Slack:SigningSecret={SlackLoad.Secret}",
            $"--Slack:ApiBaseUrl={_slack.ApiBaseUrl}",
            $"--Urls={_web}",
            $"--Health:Urls={_health}",
            "--Telemetry:Prometheus:Enabled=true",
            "--Logging:LogLevel:Default=Warning",
        ]));
        await _bot.StartAsync();

        // A scrape of instruments that never recorded is cheaper than a real one.
        await SlackLoad.AskOnceEachAsync(_http, new Uri(_web, "/slack/commands"), _slack.ResponseUrlBase, count: 20);
    }
}
