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
        var repetitions = LoadToolSupport.Option(args, "--repetitions", 3);
        var burst = LoadToolSupport.Option(args, "--burst", 200);
        var stub = args.Contains("--stub-bot");
        var at = Array.IndexOf(args, "--commands");
        var commands = at >= 0 && at + 1 < args.Length ? args[at + 1].Split(',') : ["who-is", "funding", "dispute", "summary"];
        using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        using var state = LoadState.FromArgs(args);
        await using var webhooks = await FakeDiscordWebhooks.StartAsync();
        await using var ceiling = await CeilingEndpoint.StartAsync("application/json", Encoding.UTF8.GetBytes("""{"type":4,"data":{"embeds":[{"description":"fixed"}]}}"""));
        await using var app = await StartBotAsync(Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)), stub, state, webhooks.ApiBaseUrl, args);
        var replyCache = ReplyCacheReport.For(app.Services);
        var endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/discord/interactions");
        var interactions = new Interactions(key, commands);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(clients, burst), UseCookies = false });

        Console.WriteLine($"Discord interactions endpoint {endpoint} · {Environment.ProcessorCount} cores · {clients} clients · {repetitions} × {seconds} s · /{string.Join(", /", commands)} · {(stub ? "fixed reply (adapter only)" : "real chat bot and pack")} · {state.Describe} · {replyCache.Describe} · cooldown on, every interaction from a new user");
        foreach (var command in commands)
        {
            await ShowSampleAsync(http, endpoint, interactions.Next(command));
        }

        await MeasureChatBotAsync(app.Services.GetRequiredService<IChatBot>(), commands);

        // Warm both, then interleave: the ceiling and the bot see the same machine in each repetition.
        await LoadRound.RunAsync(clients, TimeSpan.FromSeconds(3), () => SendAsync(http, ceiling.Endpoint, interactions.Next()));
        await LoadRound.RunAsync(clients, TimeSpan.FromSeconds(5), () => SendAsync(http, endpoint, interactions.Next()));
        var ratios = new List<double>();
        var recordedRatios = new List<double>();
        replyCache.Start();
        var followUpsBefore = webhooks.FollowUps;
        for (var repetition = 1; repetition <= repetitions; repetition++)
        {
            var plain = await LoadRound.RunAsync(clients, TimeSpan.FromSeconds(seconds), () => SendAsync(http, ceiling.Endpoint, interactions.Next()));
            var recordedBefore = await state.RecordedAnswersAsync();
            var bot = await LoadRound.RunAsync(clients, TimeSpan.FromSeconds(seconds), () => SendAsync(http, endpoint, interactions.Next()));
            var recorded = await state.RecordedAnswersAsync() - recordedBefore;
            ratios.Add(bot.AnswersPerSecond / plain.RepliesPerSecond);
            recordedRatios.Add(recorded / bot.Elapsed.TotalSeconds / plain.RepliesPerSecond);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {repetition}: bot {bot.RepliesPerSecond:F0} replies/s, {bot.AnswersPerSecond:F0} answers/s ({bot.Acknowledged} replies were no answer, {bot.Errors} errors), "
                + $"{(state.Enabled ? $"{recorded / bot.Elapsed.TotalSeconds:F0} answers/s recorded within the round" : "nothing recorded (no state)")}; {bot.Latency} · "
                + $"plain Kestrel {plain.RepliesPerSecond:F0} replies/s, {plain.Latency} · answers / ceiling {ratios[^1]:F2}"));
        }

        Console.WriteLine($"answers per second as a share of the plain endpoint's replies (min / median / max of {repetitions}): {LoadRound.Spread(ratios)}");
        Console.WriteLine($"over the bot's rounds: {replyCache.Since()}; {webhooks.FollowUps - followUpsBefore:N0} further pages posted as follow-ups");
        if (state.Enabled)
        {
            Console.WriteLine($"recorded answers per second as a share of it: {LoadRound.Spread(recordedRatios)}");
        }

        var burstWatch = Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, burst).Select(_ => SendAsync(http, endpoint, interactions.Next())));
        burstWatch.Stop();
        var ok = outcomes.All(o => o == LoadOutcome.Answer) && burstWatch.Elapsed < TimeSpan.FromSeconds(3);
        Console.WriteLine($"{burst} concurrent interactions all answered within 3 s: {(ok ? "yes" : "NO")} ({outcomes.Count(o => o == LoadOutcome.Answer)} answers, {burstWatch.Elapsed.TotalMilliseconds:F0} ms)");

        // Stopped before disposal, as a host is in production, so background services end cleanly.
        await app.StopAsync();
        return ok ? 0 : 1;
    }

    private static async Task<WebApplication> StartBotAsync(string publicKey, bool stub, LoadState state, string apiBaseUrl, string[] args)
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
        ReplyCacheReport.Configure(builder.Configuration, args);
        var pack = KnowledgePackLoader.Load(RepositoryPack.StoryPath());
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

    /// <summary>
    /// Sends one signed interaction. An answer is a public message with at least one embed (the
    /// quote); the cooldown notice, a private reply or a deferral is a reply but no answer.
    /// </summary>
    private static async Task<LoadOutcome> SendAsync(HttpClient http, Uri endpoint, (string Body, string Timestamp, string Signature) signed)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(signed.Body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature-Timestamp", signed.Timestamp);
        request.Headers.Add("X-Signature-Ed25519", signed.Signature);
        try
        {
            using var response = await http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return LoadOutcome.Error;
            }

            using var reply = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
            var root = reply.RootElement;
            var isAnswer = root.GetProperty("type").GetInt32() == InteractionResponse.ChannelMessage
                && root.TryGetProperty("data", out var data)
                && !(data.TryGetProperty("flags", out var flags) && (flags.GetInt32() & DiscordMessage.Ephemeral) != 0)
                && data.TryGetProperty("embeds", out var embeds) && embeds.GetArrayLength() > 0;
            return isAnswer ? LoadOutcome.Answer : LoadOutcome.Acknowledged;
        }
        catch (HttpRequestException)
        {
            return LoadOutcome.Error;
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

    /// <summary>
    /// Signed slash-command interactions shaped like Discord's documented example, each with an id
    /// and a user of its own: an id seen before is a replay the bot does not answer, and a new user
    /// each time keeps the cooldown out of the figures without switching it off.
    /// </summary>
    private sealed class Interactions(Key key, string[] commands)
    {
        private long _next;

        public (string Body, string Timestamp, string Signature) Next(string? command = null)
        {
            var i = Interlocked.Increment(ref _next);
            command ??= commands[i % commands.Length];
            var options = command == "who-is" ? $$"""[{"type": 3, "name": "name", "value": "{{(i % 2 == 0 ? "altman" : "softbank")}}"}]""" : "[]";
            var body = $$"""
                {"type": 2, "token": "token-{{i}}", "id": "{{786008729715212338 + i}}", "application_id": "{{ApplicationId}}",
                 "guild_id": "290926798626357999", "channel_id": "645027906669510667", "locale": "en-US", "version": 1,
                 "member": {"user": {"id": "{{53908232506183680 + i}}", "username": "user{{i}}"}, "roles": [], "permissions": "0"},
                 "data": {"id": "771825006014889984", "type": 1, "name": "{{command}}", "options": {{options}} } }
                """;
            var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var signature = Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(key, Encoding.UTF8.GetBytes(timestamp + body)));
            return (body, timestamp, signature);
        }
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
}
