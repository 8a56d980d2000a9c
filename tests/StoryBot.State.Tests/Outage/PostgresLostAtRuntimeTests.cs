using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
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

namespace StoryBot.State.Tests.Outage;

/// <summary>
/// The bot's state in a real PostgreSQL reached through a loopback proxy that the test cuts and
/// restores: the server goes away while the bot runs, without stopping it for the other tests.
/// </summary>
[RequiresPostgres]
public sealed class PostgresLostAtRuntimeTests : IAsyncLifetime
{
    private const string Question = "How much money has been committed to Stargate?";

    // Safety net for a hung retry, not a timing assertion.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly Lazy<KnowledgePack> Pack = new(() => KnowledgePackLoader.Load(Path.Combine(StoryBot.Testing.RepositoryFiles.Root, "knowledge")));

    private readonly string _role = "storybot_outage_" + Guid.NewGuid().ToString("N");
    private readonly string _password = "pw-" + Guid.NewGuid().ToString("N");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private ServiceProvider? _services;

    private PostgresBackend Backend { get; } = new();

    private LoopbackTcpProxy? StartedProxy { get; set; }

    private LoopbackTcpProxy Proxy => StartedProxy ?? throw new InvalidOperationException("Not initialized");

    private ServiceProvider Services => _services ?? throw new InvalidOperationException("Not initialized");

    public async Task InitializeAsync()
    {
        await Backend.InitializeAsync();
        var server = new NpgsqlConnectionStringBuilder(Backend.ConnectionString);

        // A role of the test's own, so that its password appears nowhere else (the shared one is also the user and provider name).
        await AdminAsync($"CREATE ROLE \"{_role}\" LOGIN PASSWORD '{_password}'", $"ALTER DATABASE \"{server.Database}\" OWNER TO \"{_role}\"");

        StartedProxy = new LoopbackTcpProxy(server.Host ?? "127.0.0.1", server.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Proxy.Port,
            Database = server.Database,
            Username = _role,
            Password = _password,
            Timeout = 5,
        };
        _services = Build(throughProxy.ConnectionString);
        foreach (var hosted in Services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            foreach (var hosted in Services.GetServices<IHostedService>().Reverse())
            {
                await hosted.StopAsync(CancellationToken.None);
            }

            await _services.DisposeAsync();
        }

        if (StartedProxy is not null)
        {
            await StartedProxy.DisposeAsync();
        }

        await Backend.DisposeAsync();
        await AdminAsync($"DROP ROLE IF EXISTS \"{_role}\"");
    }

    [StorageFact]
    public async Task AQuestionIsAnsweredWhileTheServerIsUnreachableAndItsRecordLandsOnceItIsBack()
    {
        var before = await AskAndRecordAsync("reader-1", "message-1");
        Assert.Equal(ReplyKind.Answer, before.Kind);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM answers"));

        Proxy.Cut();
        var during = await AskAndRecordAsync("reader-2", "message-2");
        Assert.Equal(ReplyKind.Answer, during.Kind);
        Assert.NotEmpty(during.Citations);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM answers"));
        Assert.True(Services.GetRequiredService<DeferredStateWrites>().Pending > 0);

        Proxy.Restore();
        await UntilAsync(async () => await CountAsync("SELECT COUNT(*) FROM answers") == 2);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM answers WHERE message_id = 'message-2'"));
    }

    [StorageFact]
    public async Task JournalEntriesMadeDuringTheOutageLandInOrderOnceTheServerIsBack()
    {
        var journal = Services.GetRequiredService<IWorkJournal>();

        Proxy.Cut();
        var ticket = await journal.TryAcceptAsync("slack", "message", "event-1", "{}", TimeSpan.FromDays(1), _time, CancellationToken.None);
        Assert.NotNull(ticket);
        await ticket.PostingAsync(CancellationToken.None);
        await ticket.CompleteAsync(CancellationToken.None);

        Proxy.Restore();
        await UntilAsync(() => Task.FromResult(Services.GetRequiredService<DeferredStateWrites>().Pending == 0));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM accepted_work WHERE work_key = 'slack:event-1' AND status = 'done'"));
        Assert.Empty(await journal.UnfinishedAsync(CancellationToken.None));
    }

    [StorageFact]
    public async Task ReadinessIsUnhealthyWhileTheServerIsUnreachableAndHealthyOnceItIsBackAndTheWritesLanded()
    {
        var health = Services.GetRequiredService<HealthCheckService>();
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(CancellationToken.None)).Status);

        Proxy.Cut();
        await AskAndRecordAsync("reader-1", "message-1");
        var down = await health.CheckHealthAsync(CancellationToken.None);
        Assert.Equal(HealthStatus.Unhealthy, down.Status);
        Assert.Equal(HealthStatus.Unhealthy, down.Entries[StateStoreHealthCheck.Name].Status);

        Proxy.Restore();
        await UntilAsync(async () => (await health.CheckHealthAsync(CancellationToken.None)).Status == HealthStatus.Healthy);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM answers"));
    }

    [StorageFact]
    public async Task AnOutageIsLoggedOnceWhenItStartsAndOnceWhenItEndsAndNoLineNamesThePassword()
    {
        var health = Services.GetRequiredService<HealthCheckService>();
        Proxy.Cut();
        for (var i = 0; i < 3; i++)
        {
            await AskAndRecordAsync($"reader-{i}", $"message-{i}");
            await health.CheckHealthAsync(CancellationToken.None);
        }

        Proxy.Restore();
        await UntilAsync(async () => (await health.CheckHealthAsync(CancellationToken.None)).Status == HealthStatus.Healthy);

        var lines = Services.GetRequiredService<FakeLogCollector>().GetSnapshot();
        var ours = lines.Where(line => line.Category?.StartsWith("StoryBot", StringComparison.Ordinal) == true).ToList();
        Assert.Single(ours, line => line.Message.Contains("cannot be reached", StringComparison.Ordinal));
        Assert.Single(ours, line => line.Message.Contains("reachable again", StringComparison.Ordinal));
        Assert.DoesNotContain(ours, line => line.Level >= LogLevel.Warning && !line.Message.Contains("cannot be reached", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => (line.Message + line.Exception).Contains(_password, StringComparison.Ordinal));
    }

    /// <summary>What an adapter does: answer, post (here: nothing to post to), record.</summary>
    private async Task<Reply> AskAndRecordAsync(string user, string messageId)
    {
        var pipeline = Services.GetRequiredService<ConversationPipeline>();
        var request = new ChatRequest("discord", "channel-1", user, Question);
        var reply = await pipeline.AskAsync(request, mustAnswer: true, CancellationToken.None);
        Assert.NotNull(reply);
        await pipeline.RecordAsync(new PostedMessage("discord", "channel-1", messageId), request, reply, CancellationToken.None);
        return reply;
    }

    /// <summary>Moves the clock past the longest backoff until <paramref name="done"/> holds, checking between small real waits.</summary>
    private async Task UntilAsync(Func<Task<bool>> done)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Patience;
        while (!await done())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "The state store did not catch up in time.");
            _time.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
    }

    private async Task<long> CountAsync(string sql)
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
        }).Build();
        var knowledge = new Mock<IKnowledgeProvider>();
        knowledge.Setup(k => k.Current).Returns(Pack.Value);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(knowledge.Object);
        services.AddStoryCore(configuration);
        services.AddStoryState(configuration);
        return services.BuildServiceProvider();
    }
}
