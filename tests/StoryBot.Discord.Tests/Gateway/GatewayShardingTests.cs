using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StoryBot.Core;
using StoryBot.Core.Conversation;
using StoryBot.Core.Platforms;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Gateway;
using StoryBot.Discord.Tests.Fakes;
using StoryBot.State;
using StoryBot.Testing;
using StoryBot.Testing.Slack;

namespace StoryBot.Discord.Tests.Gateway;

/// <summary>
/// Several shards in one process, and one bot's shards split over two processes, against one fake
/// Discord whose Gateway records which shard each connection identified as.
/// </summary>
public sealed class GatewayShardingTests : IAsyncLifetime, IDisposable
{
    private readonly Ed25519Signer _signer = new();
    private readonly List<BotHost> _hosts = [];
    private FakeDiscord _discord = null!;

    public async Task InitializeAsync() => _discord = await FakeDiscord.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await _discord.DisposeAsync();
    }

    public void Dispose() => _signer.Dispose();

    [Fact]
    public async Task AutoRunsEveryShardDiscordRecommendsEachIdentifyingWithItsIdAndTheCount()
    {
        _discord.RecommendedShards = 3;
        var host = await StartAsync(BotHost.ChatBot(TestReplies.Answer()).Object);

        var shards = await ReadyShardsAsync(3);
        var ready = await UntilAsync(host, ConnectionState.Up);

        Assert.Equal([new FakeShard(0, 3), new FakeShard(1, 3), new FakeShard(2, 3)], _discord.Identifies.Select(i => i.Shard).OrderBy(s => s.Id));
        Assert.All(shards.Values, connection => Assert.Equal("/gateway", connection.Path));
        Assert.Equal("3 of 3 shards ready (0–2 of 3)", ready.Description);
        Assert.Single(_discord.Requests, r => r.Path == "gateway/bot");
    }

    [Fact]
    public async Task AutoShardsClosedWithShardingRequiredStartAgainWithTheCountDiscordRecommendsThen()
    {
        var host = await StartAsync(BotHost.ChatBot(TestReplies.Answer()).Object);
        var first = await ReadyShardsAsync(1);
        await UntilAsync(host, ConnectionState.Up);

        _discord.RecommendedShards = 2;
        await first[0].CloseAsync(4011);
        var second = await ReadyShardsAsync(2);
        var ready = await UntilAsync(host, ConnectionState.Up);

        Assert.Equal([new FakeShard(0, 1), new FakeShard(0, 2), new FakeShard(1, 2)], _discord.Identifies.Select(i => i.Shard).OrderBy(s => s.Count).ThenBy(s => s.Id));
        Assert.Equal("2 of 2 shards ready (0, 1 of 2)", ready.Description);
        Assert.Equal([0, 1], second.Keys.Order());
    }

    [Fact]
    public async Task ExplicitShardsClosedWithShardingRequiredStayStoppedForTheOperatorToChangeTheCount()
    {
        using var logs = new FakeLoggerProvider();
        var host = await StartAsync(BotHost.ChatBot(TestReplies.Answer()).Object, Explicit(1), s => s.AddLogging(b => b.AddProvider(logs)));
        var first = await ReadyShardsAsync(1);
        await UntilAsync(host, ConnectionState.Up);

        _discord.RecommendedShards = 2;
        await first[0].CloseAsync(4011);
        var stopped = await UntilAsync(host, now => now.Description.Contains("stopped", StringComparison.Ordinal));

        Assert.Contains("closed with 4011", stopped.Description, StringComparison.Ordinal);
        Assert.Equal(ConnectionState.Down, stopped.State);
        Assert.Single(_discord.Identifies);
        Assert.Single(_discord.Requests, r => r.Path == "gateway/bot");
        Assert.Single(logs.Collector.GetSnapshot(), l => l.Level == LogLevel.Error && l.Message.Contains("Discord:ShardCount", StringComparison.Ordinal));
        Assert.Single(logs.Collector.GetSnapshot(), l => l.Level == LogLevel.Error && l.Message.Contains("Discord:ShardCount", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FourShardsSplitAcrossTwoHostsEachIdentifyTheirOwnAndAnswerWhatArrivesOnThem()
    {
        var botA = BotHost.ChatBot(TestReplies.Answer());
        var botB = BotHost.ChatBot(TestReplies.Answer());

        var hostA = await StartAsync(botA.Object, Explicit(4, 0, 1));
        var shardsOfA = await ReadyShardsAsync(2);
        var hostB = await StartAsync(botB.Object, Explicit(4, 2, 3));
        var shardsOfB = await ReadyShardsAsync(2);
        await UntilAsync(hostA, ConnectionState.Up);
        await UntilAsync(hostB, ConnectionState.Up);

        await shardsOfA[1].DispatchAsync("MESSAGE_CREATE", Mention("on shard one", shardsOfA[1].Shard!.Value.GuildId(), "1100000000000000201"));
        await shardsOfA[0].DispatchAsync("MESSAGE_CREATE", Payloads.Message("a direct message", guildId: null, id: "1100000000000000202"));
        await shardsOfB[3].DispatchAsync("MESSAGE_CREATE", Mention("on shard three", shardsOfB[3].Shard!.Value.GuildId(), "1100000000000000203"));
        await shardsOfB[2].DispatchAsync("INTERACTION_CREATE", Payloads.SlashCommand("ask", $"[{Payloads.StringOption("question", "on shard two")}]", id: "786008729715212339"));
        await Task.WhenAll(
            RepliedToAsync("1100000000000000201"),
            RepliedToAsync("1100000000000000202"),
            RepliedToAsync("1100000000000000203"),
            UntilRequestedAsync(r => r.Path == "interactions/786008729715212339/A_UNIQUE_TOKEN_786008729715212339/callback"));

        Assert.Equal([0, 1], shardsOfA.Keys.Order());
        Assert.Equal([2, 3], shardsOfB.Keys.Order());
        Assert.All(_discord.Identifies, identify => Assert.Equal(4, identify.Shard.Count));
        Assert.Equal(4, _discord.Identifies.Count);
        Assert.Equal(["a direct message", "on shard one"], Asked(botA).Order(StringComparer.Ordinal));
        Assert.Equal(["/ask on shard two", "on shard three"], Asked(botB).Order(StringComparer.Ordinal));
        Assert.Equal("2 of 2 shards ready (0, 1 of 4)", Readiness(hostA).Current.Description);
        Assert.Equal("2 of 2 shards ready (2, 3 of 4)", Readiness(hostB).Current.Description);
    }

    [Fact]
    public async Task IdentifiesOfOneBucketAreFiveSecondsApartWhileDifferentBucketsGoTogetherAndAResumeWaitsForNone()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        (_discord.Clock, _discord.RecommendedShards, _discord.MaxConcurrency) = (clock, 4, 2);
        await StartAsync(BotHost.ChatBot(TestReplies.Answer()).Object, services: s =>
        {
            s.AddSingleton<TimeProvider>(clock);

            // On fake time neither a HELLO timeout nor a heartbeat may end a connection; reconnecting waits for nothing.
            s.AddSingleton(new DiscordTimings { HelloTimeout = TimeSpan.FromHours(1), Jitter = () => 0.5, ReconnectBase = TimeSpan.Zero });
        });
        for (var i = 0; i < 4; i++)
        {
            await (await _discord.NextGatewayConnectionAsync()).SendHelloAsync(heartbeatIntervalMs: 3_600_000);
        }

        var identifies = new List<FakeIdentify> { await _discord.NextIdentifyAsync(), await _discord.NextIdentifyAsync() };
        await using (new ClockPump(clock, TimeSpan.FromMilliseconds(100)))
        {
            identifies.Add(await _discord.NextIdentifyAsync());
            identifies.Add(await _discord.NextIdentifyAsync());
        }

        foreach (var identify in identifies)
        {
            await identify.Connection.ReceiveAsync();
            await identify.Connection.SendReadyAsync($"session-shard-{identify.Shard.Id}", _discord.ResumeGatewayUrl);
        }

        var dropped = identifies.Single(i => i.Shard.Id == 2).Connection;
        var before = clock.GetUtcNow();
        await dropped.CloseAsync(4000);
        var resumed = await _discord.NextGatewayConnectionAsync();
        await resumed.SendHelloAsync(heartbeatIntervalMs: 3_600_000);
        var resume = await resumed.ReceiveAsync();

        var buckets = identifies.GroupBy(i => i.Shard.Id % 2).ToDictionary(b => b.Key, b => b.Select(i => i.At).Order().ToList());
        Assert.Equal([0, 1, 2, 3], identifies.Select(i => i.Shard.Id).Order());
        Assert.All(buckets.Values, times => Assert.True(times[1] - times[0] >= TimeSpan.FromSeconds(5), $"one bucket identified {times[1] - times[0]} apart"));
        Assert.Equal(buckets[0][0], buckets[1][0]);
        Assert.True((buckets[0][1] - buckets[1][1]).Duration() < TimeSpan.FromSeconds(5), "the second identifies of two buckets took turns");
        Assert.Equal(6, resume.GetProperty("op").GetInt32());
        Assert.Equal("session-shard-2", resume.GetProperty("d").GetProperty("session_id").GetString());
        Assert.Equal(before, clock.GetUtcNow());
        Assert.Equal(4, _discord.Identifies.Count);
    }

    [Fact]
    public async Task TwoHostsSplittingTheShardsOnOneStateStoreTakeTurnsToIdentifyFiveSecondsApart()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        (_discord.Clock, _discord.MaxConcurrency) = (clock, 1);
        var state = Directory.CreateTempSubdirectory("storybot-shared-state-").FullName;
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["Knowledge:Path"] = RepositoryFiles.Knowledge,
                ["Knowledge:Reload"] = "false",
                ["Storage:Provider"] = "sqlite",
                ["Storage:ConnectionString"] = $"Data Source={Path.Combine(state, "storybot.db")}",
            };
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            void SharedStateOnFakeTime(IServiceCollection services)
            {
                services.AddSingleton<TimeProvider>(clock);
                services.AddSingleton(new DiscordTimings { HelloTimeout = TimeSpan.FromHours(1), Jitter = () => 0.5, ReconnectBase = TimeSpan.Zero });
                services.AddStoryCore(configuration);
                services.AddStoryState(configuration);
            }

            await StartAsync(BotHost.ChatBot(TestReplies.Answer()).Object, new Dictionary<string, string?>(Explicit(4, 0, 1).Concat(settings)), SharedStateOnFakeTime);
            await StartAsync(BotHost.ChatBot(TestReplies.Answer()).Object, new Dictionary<string, string?>(Explicit(4, 2, 3).Concat(settings)), SharedStateOnFakeTime);
            var identifies = new List<FakeIdentify>();
            await using (new ClockPump(clock, TimeSpan.FromMilliseconds(20)))
            {
                for (var i = 0; i < 4; i++)
                {
                    await (await _discord.NextGatewayConnectionAsync()).SendHelloAsync(heartbeatIntervalMs: 3_600_000);
                }

                for (var i = 0; i < 4; i++)
                {
                    identifies.Add(await _discord.NextIdentifyAsync());
                }
            }

            // One bucket for the whole bot (max_concurrency 1): without turns shared through the store,
            // each host would identify its first shard at once. The fake notes an identify when it
            // arrives, which can trail its turn by a few steps of the pumped clock.
            var times = identifies.Select(i => i.At).Order().ToList();
            Assert.Equal([0, 1, 2, 3], identifies.Select(i => i.Shard.Id).Order());
            Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(4.5), $"two identifies {pair.Second - pair.First} apart"));
        }
        finally
        {
            foreach (var host in _hosts)
            {
                await host.DisposeAsync();
            }

            _hosts.Clear();
            Directory.Delete(state, recursive: true);
        }
    }

    [Fact]
    public async Task OneShardDroppingAndResumingLeavesTheOthersAnsweringAndReadinessNamesIt()
    {
        _discord.RecommendedShards = 3;
        var host = await StartAsync(BotHost.ChatBot(TestReplies.Answer()).Object);
        var shards = await ReadyShardsAsync(3);
        await UntilAsync(host, ConnectionState.Up);

        await shards[1].CloseAsync(4000);
        var partial = await UntilAsync(host, ConnectionState.Partial);
        await shards[2].DispatchAsync("MESSAGE_CREATE", Mention("while shard one is away", shards[2].Shard!.Value.GuildId(), "1100000000000000301"));
        await RepliedToAsync("1100000000000000301");
        var resumed = await _discord.NextGatewayConnectionAsync();
        await resumed.SendHelloAsync();
        var resume = await resumed.ReceiveAsync();
        Assert.True(await resumed.AnswerResumeAsync(resume));
        var back = await UntilAsync(host, ConnectionState.Up);

        Assert.Equal("2 of 3 shards ready (0–2 of 3); shard 1: no session: the connection ended (close code 4000); reconnecting to resume", partial.Description);
        Assert.Equal("/resume-gateway", resumed.Path);
        Assert.Equal("session-shard-1", resume.GetProperty("d").GetProperty("session_id").GetString());
        Assert.Equal("3 of 3 shards ready (0–2 of 3)", back.Description);
        Assert.False(shards[0].Closed.IsCompleted);
        Assert.False(shards[2].Closed.IsCompleted);
        Assert.Equal(3, _discord.Identifies.Count);
        Assert.Equal(4, _discord.GatewayConnectionCount);
    }

    [Fact]
    public async Task EveryShardResumesItsOwnSessionAfterARestart()
    {
        var checkpoints = new InMemoryConnectionCheckpoints();
        var settings = Explicit(2);
        settings["Discord:CloseSessionOnStop"] = "false";
        await using (var first = await BotHost.StartAsync(_discord, _signer, BotHost.ChatBot(TestReplies.Answer()).Object, runGateway: true, settings: settings, services: s => s.AddSingleton<IConnectionCheckpoints>(checkpoints)))
        {
            await ReadyShardsAsync(2);

            // Each shard saves its session at READY, before it counts as ready.
            await UntilAsync(first, ConnectionState.Up);
        }

        Assert.Null(await checkpoints.ReadAsync(GatewayCheckpoint.Name, CancellationToken.None));
        Assert.NotNull(await checkpoints.ReadAsync(GatewayCheckpoint.NameOf(new ShardId(0, 2)), CancellationToken.None));
        Assert.NotNull(await checkpoints.ReadAsync(GatewayCheckpoint.NameOf(new ShardId(1, 2)), CancellationToken.None));
        var second = await StartAsync(BotHost.ChatBot(TestReplies.Answer()).Object, settings, s => s.AddSingleton<IConnectionCheckpoints>(checkpoints));
        var sessions = new List<string?>();
        for (var i = 0; i < 2; i++)
        {
            var connection = await _discord.NextGatewayConnectionAsync();
            await connection.SendHelloAsync();
            var resume = await connection.ReceiveAsync();
            Assert.Equal("/resume-gateway", connection.Path);
            Assert.Equal(6, resume.GetProperty("op").GetInt32());
            Assert.Equal(1, resume.GetProperty("d").GetProperty("seq").GetInt64());
            sessions.Add(resume.GetProperty("d").GetProperty("session_id").GetString());
            Assert.True(await connection.AnswerResumeAsync(resume));
        }

        await UntilAsync(second, ConnectionState.Up);
        Assert.Equal(["session-shard-0", "session-shard-1"], sessions.Order(StringComparer.Ordinal));
        Assert.Equal(2, _discord.Identifies.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AStopEndsOrKeepsTheSessionOfEveryShardAsConfigured(bool closeSessionOnStop)
    {
        _discord.RecommendedShards = 2;
        var host = await StartAsync(BotHost.ChatBot(TestReplies.Answer()).Object, new Dictionary<string, string?> { ["Discord:CloseSessionOnStop"] = closeSessionOnStop ? "true" : "false" });
        var shards = await ReadyShardsAsync(2);
        await UntilAsync(host, ConnectionState.Up);

        await host.StopAsync();

        foreach (var connection in shards.Values)
        {
            var closeCode = await connection.Closed.WaitAsync(FakeDiscord.Patience);
            Assert.Equal(closeSessionOnStop, closeCode == 1000);
            Assert.NotEqual(1001, closeCode);
        }
    }

    private static Dictionary<string, string?> Explicit(int count, params int[] ids)
    {
        var settings = new Dictionary<string, string?> { ["Discord:Shards"] = "explicit", ["Discord:ShardCount"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        for (var i = 0; i < ids.Length; i++)
        {
            settings[$"Discord:ShardIds:{i}"] = ids[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return settings;
    }

    private static string Mention(string question, string guildId, string id) =>
        Payloads.Message($"<@{FakeDiscord.BotUserId}> {question}", guildId: guildId, mentionsBot: true, id: id);

    private static IEnumerable<string> Asked(Mock<IChatBot> bot) =>
        bot.Invocations.Where(i => i.Method.Name == nameof(IChatBot.RespondAsync)).Select(i => ((ChatRequest)i.Arguments[0]).Text);

    private static GatewayReadiness Readiness(BotHost host) => host.Services.GetRequiredService<GatewayReadiness>();

    /// <summary>Readiness until it is in <paramref name="state"/>: the bot reads frames on its own threads.</summary>
    private static Task<ConnectionReadiness> UntilAsync(BotHost host, ConnectionState state) => UntilAsync(host, now => now.State == state);

    private static async Task<ConnectionReadiness> UntilAsync(BotHost host, Func<ConnectionReadiness, bool> done)
    {
        using var patience = new CancellationTokenSource(FakeDiscord.Patience);
        while (Readiness(host).Current is var now && !done(now))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System).WaitAsync(patience.Token);
        }

        return Readiness(host).Current;
    }

    private async Task<BotHost> StartAsync(IChatBot bot, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var host = await BotHost.StartAsync(_discord, _signer, bot, runGateway: true, settings: settings, services: services);
        _hosts.Add(host);
        return host;
    }

    /// <summary>The next <paramref name="count"/> connections, each said hello to, identified and made ready with a session named after its shard.</summary>
    private async Task<Dictionary<int, FakeGatewayConnection>> ReadyShardsAsync(int count)
    {
        var shards = new Dictionary<int, FakeGatewayConnection>();
        for (var i = 0; i < count; i++)
        {
            var connection = await _discord.NextGatewayConnectionAsync();
            await connection.SendHelloAsync();
            Assert.Equal(2, (await connection.ReceiveAsync()).GetProperty("op").GetInt32());
            var shard = connection.Shard!.Value;
            await connection.SendReadyAsync($"session-shard-{shard.Id}", _discord.ResumeGatewayUrl);
            shards.Add(shard.Id, connection);
        }

        return shards;
    }

    private Task RepliedToAsync(string messageId) =>
        UntilRequestedAsync(r => r.Method == "POST" && r.Path.StartsWith("channels/", StringComparison.Ordinal)
            && r.Json.TryGetProperty("message_reference", out var reference) && reference.GetProperty("message_id").GetString() == messageId);

    /// <summary>Until the fake has recorded a matching request: unlike a wait on its request feed, several at once each see every request.</summary>
    private async Task UntilRequestedAsync(Func<RecordedRequest, bool> match)
    {
        using var patience = new CancellationTokenSource(FakeDiscord.Patience);
        while (!_discord.Requests.Any(match))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System).WaitAsync(patience.Token);
        }
    }
}
