using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Npgsql;
using StoryBot.Core;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.State.Storage;
using StoryBot.State.Tests.Storage;
using StoryBot.Testing.Storage;

namespace StoryBot.State.Tests.Outage;

/// <summary>
/// The bot's state in a real PostgreSQL reached through a loopback proxy that a test cuts and
/// restores: the server goes away while the bot runs, without stopping it for the other tests.
/// The bot's services are wired as the host wires them, on a fake clock.
/// </summary>
internal sealed class PostgresOutage : IAsyncLifetime
{
    public const string Question = "How much money has been committed to Stargate?";

    // Safety net for a hung retry, not a timing assertion.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly Lazy<KnowledgePack> Pack = new(() => KnowledgePackLoader.Load(StoryBot.Testing.RepositoryFiles.Story));

    private readonly string _role = "storybot_outage_" + Guid.NewGuid().ToString("N");
    private ServiceProvider? _services;
    private string? _connectionString;

    public string Password { get; } = "pw-" + Guid.NewGuid().ToString("N");

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public LoopbackTcpProxy Proxy => StartedProxy ?? throw new InvalidOperationException("Not initialized");

    public ServiceProvider Services => _services ?? throw new InvalidOperationException("Not initialized");

    /// <summary>The bot's own folder, where the writes waiting for the store are kept; one per test.</summary>
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "storybot-outage-" + Guid.NewGuid().ToString("N"));

    /// <summary>The files of state writes waiting for the store in <see cref="DataDirectory"/>, whichever process's.</summary>
    public string[] SpillFiles => Directory.Exists(DataDirectory) ? Directory.GetFiles(DataDirectory, StateWriteSpill.FilePrefix + "*") : [];

    public FakeLogCollector Logs => Services.GetRequiredService<FakeLogCollector>();

    public int PendingWrites => Services.GetRequiredService<DeferredStateWrites>().Pending;

    private PostgresBackend Backend { get; } = new();

    private LoopbackTcpProxy? StartedProxy { get; set; }

    public async Task InitializeAsync()
    {
        await Backend.InitializeAsync();
        var server = new NpgsqlConnectionStringBuilder(Backend.ConnectionString);

        // A role of the test's own, so that its password appears nowhere else (the shared one is also the user and provider name).
        await AdminAsync($"CREATE ROLE \"{_role}\" LOGIN PASSWORD '{Password}'", $"ALTER DATABASE \"{server.Database}\" OWNER TO \"{_role}\"");

        StartedProxy = new LoopbackTcpProxy(server.Host ?? "127.0.0.1", server.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Proxy.Port,
            Database = server.Database,
            Username = _role,
            Password = Password,
            // A cut refuses connections at once, so this bounds only a slow machine: with every hosted
            // service opening its own unpooled connection at start, 5 s was seen to run out on a loaded
            // CI machine, and the spurious outage it logged broke the tests that count outages.
            Timeout = 30,

            // Every call opens its own connection, so each attempt during a cut is one connection the proxy turns away.
            Pooling = false,

            // In the clear on loopback, so that the proxy can see a commit being confirmed.
            SslMode = SslMode.Disable,
        };
        _connectionString = throughProxy.ConnectionString;
        await StartBotAsync(afterStarting: null);
    }

    /// <summary>
    /// Stops the bot as its host stops it, whether or not the server can be reached, and starts a
    /// new one on the same data directory and clock: <paramref name="beforeStart"/> runs in between,
    /// <paramref name="afterStarting"/> after each hosted service has started.
    /// </summary>
    public async Task RestartAsync(Action? beforeStart = null, Func<IHostedService, Task>? afterStarting = null)
    {
        await StopBotAsync();
        beforeStart?.Invoke();
        await StartBotAsync(afterStarting);
    }

    public async Task DisposeAsync()
    {
        await StopBotAsync();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }

        if (StartedProxy is not null)
        {
            await StartedProxy.DisposeAsync();
        }

        await Backend.DisposeAsync();
        await AdminAsync($"DROP ROLE IF EXISTS \"{_role}\"");
    }

    private async Task StartBotAsync(Func<IHostedService, Task>? afterStarting)
    {
        _services = Build(_connectionString ?? throw new InvalidOperationException("Not initialized"));
        foreach (var hosted in Services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
            if (afterStarting is not null)
            {
                await afterStarting(hosted);
            }
        }
    }

    private async Task StopBotAsync()
    {
        if (_services is not null)
        {
            foreach (var hosted in Services.GetServices<IHostedService>().Reverse())
            {
                await hosted.StopAsync(CancellationToken.None);
            }

            await _services.DisposeAsync();
            _services = null;
        }
    }

    /// <summary>What an adapter does with a question: answer, post (here: nothing to post to), record.</summary>
    public async Task<Reply> AskAndRecordAsync(string user, string messageId)
    {
        var pipeline = Services.GetRequiredService<ConversationPipeline>();
        var request = new ChatRequest("discord", "channel-1", user, Question);
        var reply = await pipeline.AskAsync(request, mustAnswer: true, CancellationToken.None);
        Assert.NotNull(reply);
        await pipeline.RecordAsync(new PostedMessage("discord", "channel-1", messageId), request, reply, CancellationToken.None);
        return reply;
    }

    /// <summary>A Slack message event the way the adapter journals it before acknowledging it; null when it is a replay.</summary>
    public Task<WorkTicket?> AcceptAsync(string eventId) =>
        Services.GetRequiredService<IWorkJournal>().TryAcceptAsync("slack", "message", eventId, "{}", TimeSpan.FromDays(1), Time, CancellationToken.None);

    /// <summary>A command the way an adapter passes it on.</summary>
    public async Task<Reply> SendAsync(ChatRequest request)
    {
        var reply = await Services.GetRequiredService<ConversationPipeline>().AskAsync(request, mustAnswer: true, CancellationToken.None);
        Assert.NotNull(reply);
        return reply;
    }

    /// <summary>Moves the clock past the longest backoff until <paramref name="done"/> holds, checking between small real waits.</summary>
    public async Task UntilAsync(Func<Task<bool>> done)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Patience;
        while (!await done())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "The state store did not catch up in time.");
            Time.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
    }

    /// <summary>Waits until the waiting writes have made an attempt since <paramref name="turnedAway"/> connections were turned away; the clock stays put.</summary>
    public async Task UntilTriedAgainAsync(long turnedAway)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Patience;
        while (Proxy.TurnedAway <= turnedAway)
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "The waiting writes were not tried.");
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
    }

    public Task UntilWritesLandedAsync() => UntilAsync(() => Task.FromResult(PendingWrites == 0));

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Backend.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }

    private static async Task AdminAsync(params string[] statements)
    {
        await using var connection = new NpgsqlConnection(PostgresTestServer.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private ServiceProvider Build(string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = connectionString,
            ["Storage:DataDirectory"] = DataDirectory,
        }).Build();
        var knowledge = new Mock<IKnowledgeProvider>();
        knowledge.Setup(k => k.Current).Returns(Pack.Value);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(knowledge.Object);
        services.AddStoryCore(configuration);
        services.AddStoryState(configuration);
        return services.BuildServiceProvider();
    }
}
