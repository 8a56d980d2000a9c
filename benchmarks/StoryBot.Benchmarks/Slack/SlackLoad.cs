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
/// are all acknowledged within Slack's 3 seconds. With <c>--events</c> it sends Events API callbacks
/// to <c>/slack/events</c> instead: an <c>app_mention</c> asking a question, each with its own
/// event_id, user and channel, answered with <c>chat.postMessage</c>. With <c>--socket-mode</c> the
/// same mentions arrive as Socket Mode envelopes over the bot's WebSocket connections, each counted
/// when the bot acknowledges it, beside a plain WebSocket client that acknowledges at once.
/// </summary>
internal static class SlackLoad
{
    internal const string Secret = "load-test-signing-secret";

    private static string[] commands =
    [
        "/who-is|altman", "/funding|", "/dispute|", "/ask|Was hat Musk über SoftBank gesagt?", "/timeline|", "/help|", "/who-is|musk", "/summary|",
    ];

    private static readonly string[] Mentions =
    [
        "who is altman?", "who funds stargate?", "Was hat Musk über SoftBank gesagt?", "what did altman reply?", "Wie viel Geld ist zugesagt?", "what is xAI?",
    ];

    private static bool events;

    /// <summary>Socket Mode connections, the bot's (its default) and the plain client's alike.</summary>
    private const int SocketConnections = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var clients = LoadToolSupport.Option(args, "--clients", 64);
        var seconds = LoadToolSupport.Option(args, "--seconds", 10);
        var repetitions = LoadToolSupport.Option(args, "--repetitions", 3);
        var burst = LoadToolSupport.Option(args, "--burst", 200);
        if (Array.IndexOf(args, "--only") is var only and >= 0 && only + 1 < args.Length)
        {
            commands = [args[only + 1]];
        }

        events = args.Contains("--events");
        var socketMode = args.Contains("--socket-mode");
        using var state = LoadState.FromArgs(args);
        await using var slack = await FakeSlackWebApi.StartAsync();
        await using var ceiling = await CeilingEndpoint.StartAsync("text/plain", []);
        var paced = args.Contains("--paced");
        await using var app = await StartStoryBotAsync(slack.ApiBaseUrl, state, paced, args);
        var replyCache = ReplyCacheReport.For(app.Services);
        var endpoint = new Uri(new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()), events ? SlackEndpointRouteBuilderExtensions.EventsPath : SlackEndpointRouteBuilderExtensions.CommandsPath);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(clients, burst), PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
        var plainClients = new List<PlainSocketModeClient>();
        var next = -1;
        Func<int, Task<LoadOutcome>> toBot = i => SendAsync(http, endpoint, slack.ResponseUrlBase, i);
        Func<int, Task<LoadOutcome>> toCeiling = i => SendAsync(http, ceiling.Endpoint, slack.ResponseUrlBase, i);
        if (socketMode)
        {
            events = true;
            await slack.Link.WaitForAsync(SocketModeLink.Bot, SocketConnections);
            for (var i = 0; i < SocketConnections; i++)
            {
                plainClients.Add(await PlainSocketModeClient.ConnectAsync(slack.LinkUrl(SocketModeLink.Ceiling)));
            }

            await slack.Link.WaitForAsync(SocketModeLink.Ceiling, SocketConnections);
            toBot = i => slack.Link.SendAsync(SocketModeLink.Bot, MentionEvent(i));
            toCeiling = i => slack.Link.SendAsync(SocketModeLink.Ceiling, MentionEvent(i));
        }

        Task<LoadOutcome> SendToBot() => toBot(Interlocked.Increment(ref next));
        Task<LoadOutcome> SendToCeiling() => toCeiling(Interlocked.Increment(ref next));
        var target = socketMode ? $"the bot's {SocketConnections} Socket Mode connections" : endpoint.ToString();
        var ceilingName = socketMode ? $"plain WebSocket client ({SocketConnections} connections)" : "plain Kestrel";

        Console.WriteLine($"slack-load: {clients} clients, {repetitions} × {seconds} s, against {target}, {state.Describe}, {(paced ? "posts paced at one a second per channel" : "posts unpaced")}, {replyCache.Describe}, cooldown on, {(events ? "every app_mention from a new user in its own channel with its own event_id" : "every command from a new user with its own trigger_id")}");

        // Warm both, then interleave: the ceiling and the bot see the same machine in each repetition.
        await LoadRound.RunAsync(clients, TimeSpan.FromSeconds(3), SendToCeiling);
        await LoadRound.RunAsync(clients, TimeSpan.FromSeconds(5), SendToBot);
        var acknowledgedRatios = new List<double>();
        var postedRatios = new List<double>();
        var recordedRatios = new List<double>();
        replyCache.Start();
        for (var repetition = 1; repetition <= repetitions; repetition++)
        {
            var plain = await LoadRound.RunAsync(clients, TimeSpan.FromSeconds(seconds), SendToCeiling);
            var (postsBefore, recordedBefore) = (slack.Posts + slack.ResponseUrlPosts, await state.RecordedAnswersAsync());
            var bot = await LoadRound.RunAsync(clients, TimeSpan.FromSeconds(seconds), SendToBot);
            var posted = (slack.Posts + slack.ResponseUrlPosts - postsBefore) / bot.Elapsed.TotalSeconds;
            var recorded = (await state.RecordedAnswersAsync() - recordedBefore) / bot.Elapsed.TotalSeconds;
            acknowledgedRatios.Add(bot.RepliesPerSecond / plain.RepliesPerSecond);
            postedRatios.Add(posted / plain.RepliesPerSecond);
            recordedRatios.Add(recorded / plain.RepliesPerSecond);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {repetition}: bot {bot.RepliesPerSecond:F0} acknowledgements/s ({bot.Errors} errors), {posted:F0} answers/s posted and {recorded:F0}/s recorded within the round; ack {bot.Latency} · "
                + $"{ceilingName} {plain.RepliesPerSecond:F0} replies/s, {plain.Latency} · posted answers / ceiling {postedRatios[^1]:F2}"));
        }

        Console.WriteLine($"as a share of the plain endpoint's replies (min / median / max of {repetitions}): acknowledgements {LoadRound.Spread(acknowledgedRatios)}, answers posted {LoadRound.Spread(postedRatios)}, recorded {LoadRound.Spread(recordedRatios)}");
        Console.WriteLine($"over the bot's rounds: {replyCache.Since()}");

        var burstResult = await RunBurstAsync(toBot, burst);
        var ok = burstResult.Acknowledged == burst && burstResult.Slowest < TimeSpan.FromSeconds(3);
        Console.WriteLine($"burst: {burst} {(socketMode ? "envelopes" : events ? "events" : "commands")} at once: {burstResult.Acknowledged} acknowledged, slowest {burstResult.Slowest.TotalMilliseconds:F1} ms, {(ok ? "PASS" : "FAIL")} (all within 3 s)");
        foreach (var plainClient in plainClients)
        {
            await plainClient.DisposeAsync();
        }

        // Stopped before disposal, as a host is in production, so background services end cleanly.
        await app.StopAsync();
        return ok ? 0 : 1;
    }

    private static async Task<WebApplication> StartStoryBotAsync(Uri apiBaseUrl, LoadState state, bool paced, string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = RepositoryPack.KnowledgePath(),
            ["Slack:BotToken"] = "xoxb-load-test",
            ["Slack:SigningSecret"] = Secret,
            ["Slack:AppToken"] = args.Contains("--socket-mode") ? "xapp-load-test" : null,
            ["Slack:ApiBaseUrl"] = apiBaseUrl.ToString(),
            // The fake Web API does not rate-limit: unpaced, every answer is posted (and recorded) during the
            // run. --paced keeps Slack's one message per second per channel, as in production.
            ["Slack:ChannelPostInterval"] = paced ? "00:00:01" : "00:00:00",
        });
        ReplyCacheReport.Configure(builder.Configuration, args);
        builder.Services.AddStoryCore(builder.Configuration);
        state.AddTo(builder);

        builder.Services.AddSlack(builder.Configuration);
        var app = builder.Build();
        app.MapSlack();
        await app.StartAsync();
        return app;
    }

    /// <param name="send">One request by its number: the burst's numbers follow every round's, so each comes from a new user.</param>
    private static async Task<(int Acknowledged, TimeSpan Slowest)> RunBurstAsync(Func<int, Task<LoadOutcome>> send, int count)
    {
        using var gate = new SemaphoreSlim(0);
        var sends = Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            var started = Stopwatch.GetTimestamp();
            var outcome = await send(100_000_000 + i);
            return (Ok: outcome != LoadOutcome.Error, Elapsed: Stopwatch.GetElapsedTime(started));
        }).ToArray();
        gate.Release(count);
        var results = await Task.WhenAll(sends);
        return (results.Count(r => r.Ok), results.Max(r => r.Elapsed));
    }

    /// <summary>
    /// One signed slash command from its own user, channel and trigger_id (a trigger_id seen before is
    /// a replay the bot acknowledges and does not answer). Slack's acknowledgement carries no answer:
    /// answers are counted where they are posted.
    /// </summary>
    /// <summary>Sends <paramref name="count"/> signed slash commands, one after the other, each from its own user.</summary>
    internal static async Task AskOnceEachAsync(HttpClient http, Uri endpoint, string responseUrlBase, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (await SendAsync(http, endpoint, responseUrlBase, i) != LoadOutcome.Acknowledged)
            {
                throw new InvalidOperationException($"The bot did not acknowledge command {i} at {endpoint}");
            }
        }
    }

    private static async Task<LoadOutcome> SendAsync(HttpClient http, Uri endpoint, string responseUrlBase, int index)
    {
        var (body, contentType) = events && endpoint.AbsolutePath == SlackEndpointRouteBuilderExtensions.EventsPath
            ? (MentionEvent(index), "application/json")
            : (CommandForm(index, responseUrlBase), "application/x-www-form-urlencoded");
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackSignatureVerifier.Sign(Secret, timestamp, bytes));
        try
        {
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            return response.StatusCode == HttpStatusCode.OK ? LoadOutcome.Acknowledged : LoadOutcome.Error;
        }
        catch (HttpRequestException)
        {
            return LoadOutcome.Error;
        }
    }

    private static string CommandForm(int index, string responseUrlBase)
    {
        var parts = commands[index % commands.Length].Split('|');
        return $"team_id=T0LOAD&channel_id=C{index:D9}&user_id=U{index:D9}&command={Uri.EscapeDataString(parts[0])}"
            + $"&text={Uri.EscapeDataString(parts[1])}&response_url={Uri.EscapeDataString(responseUrlBase + index)}&trigger_id={index}.1.load";
    }

    /// <summary>An Events API callback shaped like Slack's documented <c>app_mention</c> example.</summary>
    private static string MentionEvent(int index)
    {
        var text = System.Text.Json.JsonEncodedText.Encode("<@U0LOADBOT> " + Mentions[index % Mentions.Length]);
        var ts = string.Create(CultureInfo.InvariantCulture, $"{1_700_000_000 + index}.000100");
        return $$$"""{"token":"x","team_id":"T0LOAD","api_app_id":"A0LOAD","type":"event_callback","event_id":"Ev{{{index:D10}}}","event_time":1700000000,"event":{"type":"app_mention","user":"U{{{index:D9}}}","text":"{{{text}}}","ts":"{{{ts}}}","channel":"C{{{index:D9}}}","event_ts":"{{{ts}}}"}}""";
    }
}
