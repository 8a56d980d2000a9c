using System.Net;
using Npgsql;
using StoryBot.Testing.Slack;
using StoryBot.Testing.Storage;
using StoryBot.Tests.TestSupport;

namespace StoryBot.Tests.Hosting;

/// <summary>
/// The real bot process serving Slack over HTTP, its state in PostgreSQL reached through a loopback
/// proxy the test cuts: slash commands acknowledged while the server is away, the process killed
/// while their answers are still being posted, and the server back for the next start.
/// </summary>
public sealed class AcknowledgedDuringAnOutageTests : IAsyncLifetime
{
    private const int Commands = 12;

    private readonly string _database = "storybot_killed_" + Guid.NewGuid().ToString("N");
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("storybot-killed-").FullName;
    private FakeSlack _slack = null!;
    private string _connectionString = string.Empty;
    private int _port;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _port = SlackOverHttp.FreePort();
    }

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        if (_connectionString.Length > 0)
        {
            await PostgresTestServer.DropDatabaseAsync(_database);
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }

    [PostgresFact]
    public async Task CommandsAcknowledgedWhileTheStoreIsAwayAreAnsweredOnceAndRecordedAfterAKill()
    {
        var server = new NpgsqlConnectionStringBuilder(await PostgresTestServer.CreateDatabaseAsync(_database));
        _connectionString = server.ConnectionString;
        await using var proxy = new LoopbackTcpProxy(server.Host ?? "127.0.0.1", server.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 5 };
        var storage = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "postgres",
            ["Storage__ConnectionString"] = throughProxy.ConnectionString,
            ["Storage__DataDirectory"] = _dataDirectory,
        };

        // Posts hang until the kill: nothing acknowledged is finished, or recorded, by the first run.
        _slack.PostLatency = TimeSpan.FromMinutes(10);
        using (var first = await SlackOverHttp.StartAsync(_port, _slack, storage))
        {
            proxy.Cut();
            await AcknowledgeAllAsync();
            await UntilAsync(() => _slack.Count("chat.postMessage") == Commands, first);
            await first.KillAsync();
        }

        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM accepted_work"));
        proxy.Restore();
        _slack.PostLatency = TimeSpan.Zero;

        using var second = await SlackOverHttp.StartAsync(_port, _slack, storage);
        await UntilAsync(async () => await CountAsync("SELECT COUNT(*) FROM accepted_work WHERE status = 'done'") == Commands, second);

        var posts = _slack.AllCalls.Where(c => c.Method == "chat.postMessage").ToList();
        Assert.All(posts.GroupBy(c => c.Str("channel")), channel => Assert.Single(channel));
        Assert.Equal(Commands, posts.Count);
        var recorded = await CountAsync("SELECT COUNT(*) FROM answers WHERE platform = 'slack'");
        Assert.Equal(Commands, recorded);
        Assert.Empty(Directory.GetFiles(_dataDirectory, "pending-state-writes*"));
    }

    private async Task AcknowledgeAllAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}"), Timeout = TimeSpan.FromSeconds(10) };
        for (var i = 0; i < Commands; i++)
        {
            var form = SlackPayloads.SlashCommandForm("/who-is", "altman", _slack.ResponseUrl("r" + i), user: $"U{i:D8}", channel: $"C{i:D8}");
            using var response = await http.SendAsync(SlackOverHttp.Signed(form));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private static Task UntilAsync(Func<bool> done, RunningBot bot) => UntilAsync(() => Task.FromResult(done()), bot);

    private static async Task UntilAsync(Func<Task<bool>> done, RunningBot bot)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (!await done())
        {
            Assert.False(bot.HasExited, bot.Output);
            await Task.Delay(100, timeout.Token);
        }
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }
}
