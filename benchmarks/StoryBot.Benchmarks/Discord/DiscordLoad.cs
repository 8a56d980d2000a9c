using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NSec.Cryptography;
using StoryBot.Benchmarks.Support;
using StoryBot.Core;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.Discord;
using StoryBot.Discord.Gateway;
using StoryBot.Discord.Interactions;
using StoryBot.Discord.Rendering;
using StoryBot.Discord.Rest;

namespace StoryBot.Benchmarks.Discord;

/// <summary>
/// Load on the Discord HTTP interactions endpoint: the real endpoint, chat bot and knowledge pack
/// in-process on loopback, signed slash-command interactions from N concurrent clients.
/// <c>dotnet run -c Release --project benchmarks/StoryBot.Benchmarks -- discord-load [--clients 64] [--seconds 10]</c>
/// </summary>
internal static class DiscordLoad
{
    public const string Mode = "discord-load";
    private const string ApplicationId = "775799577604177920";

    public static async Task<int> RunAsync(string[] args)
    {
        var clients = LoadToolSupport.Option(args, "--clients", 64);
        var seconds = LoadToolSupport.Option(args, "--seconds", 10);
        var burst = LoadToolSupport.Option(args, "--burst", 200);
        var stub = args.Contains("--stub-bot");
        var at = Array.IndexOf(args, "--commands");
        var commands = at >= 0 && at + 1 < args.Length ? args[at + 1].Split(',') : ["who-is", "funding", "dispute", "summary"];
        using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        using var state = LoadState.FromArgs(args);
        await using var webhooks = await FakeDiscordWebhooks.StartAsync();
        await using var app = await StartBotAsync(Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)), stub, state, webhooks.ApiBaseUrl);
        var endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/discord/interactions");
        var bodies = Enumerable.Range(0, 4096).Select(i => Signed(key, Interaction(i, commands[i % commands.Length]))).ToArray();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(clients, burst), UseCookies = false });

        Console.WriteLine($"Discord interactions endpoint {endpoint} · {Environment.ProcessorCount} cores · {clients} clients · {seconds} s · /{string.Join(", /", commands)} · {(stub ? "fixed reply (adapter only)" : "real chat bot and pack")} · {state.Describe}");
        for (var i = 0; i < commands.Length; i++)
        {
            await ShowSampleAsync(http, endpoint, bodies[i]);
        }

        await MeasureChatBotAsync(app.Services.GetRequiredService<IChatBot>(), commands);
        await RunClientsAsync(http, endpoint, bodies, clients, TimeSpan.FromSeconds(5));
        var steady = await RunClientsAsync(http, endpoint, bodies, clients, TimeSpan.FromSeconds(seconds));
        Console.WriteLine(steady.Describe("steady load"));

        var burstWatch = Stopwatch.StartNew();
        var latencies = await Task.WhenAll(Enumerable.Range(0, burst).Select(i => SendAsync(http, endpoint, bodies[i % bodies.Length])));
        burstWatch.Stop();
        var burstResult = new LoadResult(latencies.Where(l => l >= 0).ToList(), latencies.Count(l => l < 0), burstWatch.Elapsed);
        Console.WriteLine(burstResult.Describe($"{burst} at once"));
        var ok = burstResult.Errors == 0 && burstWatch.Elapsed < TimeSpan.FromSeconds(3);
        Console.WriteLine($"{burst} concurrent interactions all answered within 3 s: {(ok ? "yes" : "NO")} ({burstWatch.Elapsed.TotalMilliseconds:F0} ms)");
        if (state.Enabled)
        {
            Console.WriteLine($"original messages read back to record the answers: {webhooks.Reads}");
        }

        // Stopped before disposal, as a host is in production, so background services end cleanly.
        await app.StopAsync();

        return ok && steady.Errors == 0 ? 0 : 1;
    }

    private static async Task<WebApplication> StartBotAsync(string publicKey, bool stub, LoadState state, string apiBaseUrl)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var knowledge = RepositoryPack.KnowledgePath();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:Token"] = "load-test-token",
            ["Discord:ApplicationId"] = ApplicationId,
            ["Discord:PublicKey"] = publicKey,
            ["Discord:ApiBaseUrl"] = apiBaseUrl,
            ["Discord:RegisterCommands"] = "false",
            ["Knowledge:Path"] = knowledge,
            ["Knowledge:Reload"] = "false",
        });
        var pack = KnowledgePackLoader.Load(knowledge);
        if (stub)
        {
            builder.Services.AddSingleton<IChatBot>(new FixedReplyBot(pack));
        }

        builder.Services.AddStoryCore(builder.Configuration);
        state.AddTo(builder);

        builder.Services.AddDiscord(builder.Configuration);

        // The HTTP endpoint alone: no Gateway connection to a real Discord.
        foreach (var gateway in builder.Services.Where(d => d.ImplementationType == typeof(DiscordGatewayService)).ToList())
        {
            builder.Services.Remove(gateway);
        }

        var app = builder.Build();
        app.MapDiscord();
        await app.StartAsync();
        return app;
    }

    private static async Task<LoadResult> RunClientsAsync(HttpClient http, Uri endpoint, (string Body, string Timestamp, string Signature)[] bodies, int clients, TimeSpan duration)
    {
        var watch = Stopwatch.StartNew();
        var next = -1;
        var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            var latencies = new List<double>();
            var errors = 0;
            while (watch.Elapsed < duration)
            {
                var latency = await SendAsync(http, endpoint, bodies[(uint)Interlocked.Increment(ref next) % bodies.Length]);
                if (latency < 0)
                {
                    errors++;
                }
                else
                {
                    latencies.Add(latency);
                }
            }

            return (latencies, errors);
        }));
        watch.Stop();
        return new LoadResult([.. results.SelectMany(r => r.latencies)], results.Sum(r => r.errors), watch.Elapsed);
    }

    /// <summary>Milliseconds until the answer was read, or -1 when it was not a 200 channel message.</summary>
    private static async Task<double> SendAsync(HttpClient http, Uri endpoint, (string Body, string Timestamp, string Signature) signed)
    {
        var start = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(signed.Body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature-Timestamp", signed.Timestamp);
        request.Headers.Add("X-Signature-Ed25519", signed.Signature);
        try
        {
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.OK && text.StartsWith("{\"type\":4", StringComparison.Ordinal)
                ? Stopwatch.GetElapsedTime(start).TotalMilliseconds
                : -1;
        }
        catch (HttpRequestException)
        {
            return -1;
        }
    }

    /// <summary>
    /// The chat bot and the Discord rendering alone, called directly and warmed up: how an
    /// interaction's cost splits between the answer engine and the adapter.
    /// </summary>
    private static async Task MeasureChatBotAsync(IChatBot bot, IEnumerable<string> commands)
    {
        foreach (var command in commands)
        {
            var request = new ChatRequest("discord", "645027906669510667", "1", command == "who-is" ? "/who-is altman" : "/" + command);
            var reply = await bot.RespondAsync(request, CancellationToken.None);
            var botMicroseconds = await MicrosecondsPerCallAsync(() => bot.RespondAsync(request, CancellationToken.None));
            var renderMicroseconds = await MicrosecondsPerCallAsync(() =>
            {
                DiscordJson.Serialize(new InteractionResponse(InteractionResponse.ChannelMessage, ReplyRenderer.Render(reply)[0]));
                return Task.CompletedTask;
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {request.Text}: chat bot {botMicroseconds:F0} µs, Discord rendering + JSON {renderMicroseconds:F0} µs per reply"));
        }
    }

    private static async Task<double> MicrosecondsPerCallAsync(Func<Task> call)
    {
        for (var i = 0; i < 3000; i++)
        {
            await call();
        }

        const int calls = 3000;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < calls; i++)
        {
            await call();
        }

        return Stopwatch.GetElapsedTime(start).TotalMilliseconds * 1000 / calls;
    }

    /// <summary>What one interaction gets back, so the figures can be read against the work behind them.</summary>
    private static async Task ShowSampleAsync(HttpClient http, Uri endpoint, (string Body, string Timestamp, string Signature) signed)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(signed.Body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature-Timestamp", signed.Timestamp);
        request.Headers.Add("X-Signature-Ed25519", signed.Signature);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var json = System.Text.Json.JsonDocument.Parse(text);
        var command = System.Text.Json.JsonDocument.Parse(signed.Body).RootElement.GetProperty("data").GetProperty("name").GetString();
        var embeds = json.RootElement.GetProperty("data").GetProperty("embeds").GetArrayLength();
        Console.WriteLine($"  /{command}: {(int)response.StatusCode}, {text.Length} bytes, {embeds} embeds");
    }

    private static (string Body, string Timestamp, string Signature) Signed(Key key, string body)
    {
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(key, Encoding.UTF8.GetBytes(timestamp + body)));
        return (body, timestamp, signature);
    }

    /// <summary>A slash command shaped like Discord's documented example; each from its own user so no cooldown applies.</summary>
    private static string Interaction(int i, string command)
    {
        var options = command == "who-is" ? $$"""[{"type": 3, "name": "name", "value": "{{(i % 2 == 0 ? "altman" : "softbank")}}"}]""" : "[]";
        return $$"""
            {"type": 2, "token": "token-{{i}}", "id": "{{786008729715212338 + i}}", "application_id": "{{ApplicationId}}",
             "guild_id": "290926798626357999", "channel_id": "645027906669510667", "locale": "en-US", "version": 1,
             "member": {"user": {"id": "{{53908232506183680 + i}}", "username": "user{{i}}"}, "roles": [], "permissions": "0"},
             "data": {"id": "771825006014889984", "type": 1, "name": "{{command}}", "options": {{options}} } }
            """;
    }

    /// <summary>Answers every request with one cited excerpt, to measure the adapter without the engine.</summary>
    private sealed class FixedReplyBot(KnowledgePack pack) : IChatBot
    {
        private readonly Excerpt _excerpt = pack.Excerpts[0];

        public Task<Reply> RespondAsync(ChatRequest request, CancellationToken cancellationToken) => Task.FromResult(new Reply
        {
            Question = request.Text,
            Language = Language.English,
            Kind = ReplyKind.Answer,
            Body = [TextRun.Plain("The story's headline says so.")],
            Citations = [new Citation(_excerpt.Id, _excerpt.SourceId, _excerpt.Paragraph, _excerpt.Quote, _excerpt.Translation)],
        });
    }

    private sealed record LoadResult(List<double> Latencies, int Errors, TimeSpan Elapsed)
    {
        public string Describe(string label)
        {
            Latencies.Sort();
            double Percentile(double p) => Latencies.Count == 0 ? double.NaN : Latencies[Math.Min(Latencies.Count - 1, (int)Math.Ceiling(p * Latencies.Count) - 1)];
            return string.Create(CultureInfo.InvariantCulture, $"{label}: {Latencies.Count} answered, {Errors} errors in {Elapsed.TotalSeconds:F1} s = {Latencies.Count / Elapsed.TotalSeconds:F0} interactions/s; p50 {Percentile(0.50):F2} ms, p99 {Percentile(0.99):F2} ms, max {Percentile(1.0):F2} ms");
        }
    }
}
