using BenchmarkDotNet.Attributes;
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
    private ServedBot? _served;
    private Uri _health = null!;
    private Uri _web = null!;

    [GlobalSetup]
    public void Start() => StartAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Dispose()
    {
        _served?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "plain Kestrel GET")]
    public Task<int> PlainEndpoint() => GetAsync(_served!.PlainPage);

    [Benchmark(Description = "/health/live")]
    public Task<int> Liveness() => GetAsync(new Uri(_health, "/health/live"));

    [Benchmark(Description = "/health/ready")]
    public Task<int> Readiness() => GetAsync(new Uri(_health, "/health/ready"));

    [Benchmark(Description = "/metrics")]
    public Task<int> Metrics() => GetAsync(new Uri(_web, "/metrics"));

    private Task<int> GetAsync(Uri uri) => _served!.GetAsync(uri);

    private async Task StartAsync()
    {
        _served = await ServedBot.StartFakesAsync(new HttpClient(), "probes", """{"status":"Healthy"}""", "application/json");
        _web = new Uri($"http://127.0.0.1:{LoopbackGet.FreePort()}");
        _health = new Uri($"http://127.0.0.1:{LoopbackGet.FreePort()}");
        await _served.StartAsync(StoryBotApp.Build(RunMode.Parse(
        [
            .. _served.SlackArgs("xoxb-probe-benchmark"),
            $"--Urls={_web}",
            $"--Health:Urls={_health}",
            "--Telemetry:Prometheus:Enabled=true",
        ])));

        // A scrape of instruments that never recorded is cheaper than a real one.
        await SlackLoad.AskOnceEachAsync(_served.Http, new Uri(_web, "/slack/commands"), _served.Slack.ResponseUrlBase, count: 20);
    }
}
