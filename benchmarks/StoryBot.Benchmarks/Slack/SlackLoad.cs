using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StoryBot.Benchmarks.Support;
using StoryBot.Core;
using StoryBot.Slack;
using StoryBot.Slack.Http;

namespace StoryBot.Benchmarks.Slack;

/// <summary>
/// <c>slack-load</c>: starts the real <c>/slack/commands</c> endpoint (real chat bot, real knowledge pack)
/// on loopback and sends it signed slash commands from N concurrent clients, bounded in count and
/// time. Reports throughput and acknowledgement latency, then checks that 200 commands sent at once
/// are all acknowledged within Slack's 3 seconds.
/// </summary>
internal static class SlackLoad
{
    private const string Secret = "load-test-signing-secret";

    private static string[] commands =
    [
        "/who-is|altman", "/funding|", "/dispute|", "/ask|Was hat Musk über SoftBank gesagt?", "/timeline|", "/help|", "/who-is|musk", "/summary|",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var clients = LoadToolSupport.Option(args, "--clients", 64);
        var requests = LoadToolSupport.Option(args, "--requests", 30_000);
        var seconds = LoadToolSupport.Option(args, "--seconds", 30);
        var burst = LoadToolSupport.Option(args, "--burst", 200);
        if (Array.IndexOf(args, "--only") is var only and >= 0 && only + 1 < args.Length)
        {
            commands = [args[only + 1]];
        }

        using var state = LoadState.FromArgs(args);
        await using var slack = await FakeSlackWebApi.StartAsync();
        var paced = args.Contains("--paced");
        await using var app = await StartStoryBotAsync(slack.ApiBaseUrl, state, paced);
        var endpoint = new Uri(new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()), SlackEndpointRouteBuilderExtensions.CommandsPath);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(clients, burst), PooledConnectionLifetime = TimeSpan.FromMinutes(10) });

        Console.WriteLine($"slack-load: {clients} clients, up to {requests} signed commands or {seconds} s, against {endpoint}, {state.Describe}, {(paced ? "posts paced at one a second per channel" : "posts unpaced")}");
        await RunLoadAsync(http, endpoint, clients, Math.Min(2_000, requests), TimeSpan.FromSeconds(10), report: false);
        var load = await RunLoadAsync(http, endpoint, clients, requests, TimeSpan.FromSeconds(seconds), report: true);

        var burstResult = await RunBurstAsync(http, endpoint, burst);
        Console.WriteLine($"burst: {burst} commands at once: {burstResult.Acknowledged} acknowledged with 200, slowest {burstResult.Slowest.TotalMilliseconds:F1} ms, "
            + $"{(burstResult.Acknowledged == burst && burstResult.Slowest < TimeSpan.FromSeconds(3) ? "PASS" : "FAIL")} (all within 3 s)");
        Console.WriteLine($"answers posted to the fake Web API: {slack.Posts}");

        // Stopped before disposal, as a host is in production, so background services end cleanly.
        await app.StopAsync();
        return load.Failures == 0 && burstResult.Acknowledged == burst && burstResult.Slowest < TimeSpan.FromSeconds(3) ? 0 : 1;
    }

    private static async Task<WebApplication> StartStoryBotAsync(Uri apiBaseUrl, LoadState state, bool paced)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = RepositoryPack.KnowledgePath(),
            ["Slack:BotToken"] = "xoxb-load-test",
            ["Slack:SigningSecret"] = Secret,
            ["Slack:ApiBaseUrl"] = apiBaseUrl.ToString(),
            // The fake Web API does not rate-limit: unpaced, every answer is posted (and recorded) during the
            // run. --paced keeps Slack's one message per second per channel, as in production.
            ["Slack:ChannelPostInterval"] = paced ? "00:00:01" : "00:00:00",
        });
        builder.Services.AddStoryCore(builder.Configuration);
        state.AddTo(builder);

        builder.Services.AddSlack(builder.Configuration);
        var app = builder.Build();
        app.MapSlack();
        await app.StartAsync();
        return app;
    }

    private static async Task<LoadResult> RunLoadAsync(HttpClient http, Uri endpoint, int clients, int requests, TimeSpan limit, bool report)
    {
        var latencies = new double[requests];
        var next = -1;
        var failures = 0;
        using var deadline = new CancellationTokenSource(limit);
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            while (!deadline.IsCancellationRequested)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= requests)
                {
                    return;
                }

                var (ok, elapsed) = await SendAsync(http, endpoint, index, $"C{client:D4}");
                latencies[index] = elapsed.TotalMilliseconds;
                if (!ok)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        await Task.WhenAll(workers);
        var wall = Stopwatch.GetElapsedTime(started);
        var done = Math.Min(next, requests);
        var sorted = latencies.Take(done).Order().ToArray();
        var result = new LoadResult(done, failures, wall, sorted);
        if (report)
        {
            Console.WriteLine(
                $"load: {done} commands in {wall.TotalSeconds:F2} s = {done / wall.TotalSeconds:F0} commands/s; "
                + $"ack latency p50 {Percentile(sorted, 0.50):F2} ms, p90 {Percentile(sorted, 0.90):F2} ms, p99 {Percentile(sorted, 0.99):F2} ms, max {sorted.LastOrDefault():F2} ms; failures {failures}");
        }

        return result;
    }

    private static async Task<(int Acknowledged, TimeSpan Slowest)> RunBurstAsync(HttpClient http, Uri endpoint, int count)
    {
        using var gate = new SemaphoreSlim(0);
        var sends = Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            return await SendAsync(http, endpoint, 10_000_000 + i, $"CBURST{i % 20:D2}");
        }).ToArray();
        gate.Release(count);
        var results = await Task.WhenAll(sends);
        return (results.Count(r => r.Ok), results.Max(r => r.Elapsed));
    }

    private static async Task<(bool Ok, TimeSpan Elapsed)> SendAsync(HttpClient http, Uri endpoint, int index, string channel)
    {
        var parts = commands[index % commands.Length].Split('|');
        var body = $"team_id=T0LOAD&channel_id={channel}&user_id=U{index:D8}&command={Uri.EscapeDataString(parts[0])}"
            + $"&text={Uri.EscapeDataString(parts[1])}&response_url={Uri.EscapeDataString("http://127.0.0.1:9/hooks/" + index)}&trigger_id=1.2.3";
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackSignatureVerifier.Sign(Secret, timestamp, bytes));
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            return (response.StatusCode == HttpStatusCode.OK, Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException)
        {
            return (false, Stopwatch.GetElapsedTime(started));
        }
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private sealed record LoadResult(int Completed, int Failures, TimeSpan Wall, double[] Latencies);
}
