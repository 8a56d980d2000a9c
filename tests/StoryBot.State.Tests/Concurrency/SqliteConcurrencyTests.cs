using System.Diagnostics;
using Microsoft.Data.Sqlite;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Concurrency;

/// <summary>
/// SQLite under contention and under a crash: writers queue instead of failing with "database
/// is locked", and a writer killed mid-transaction leaves a consistent file.
/// </summary>
public sealed class SqliteConcurrencyTests : IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(3);
    private SqliteBackend Backend { get; } = new();

    public Task InitializeAsync() => Backend.InitializeAsync();

    public async Task DisposeAsync() => await Backend.DisposeAsync();

    [Fact]
    public async Task ManyParallelWritersOnOneFileAllCommitWithoutALockError()
    {
        var databases = new[] { Backend.Open(), Backend.Open() };
        await databases[0].MigrateAsync(CancellationToken.None);
        var payload = new string('y', 4096);

        var writers = Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                // Read, then write, in one transaction: the pattern that fails with SQLITE_BUSY
                // when a transaction is upgraded from reading to writing.
                await databases[writer % 2].WriteAsync(
                    async session =>
                    {
                        await session.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log");
                        return await WriterProcess.WriteOneAsync(session, $"task-{writer}", i, payload);
                    },
                    CancellationToken.None);
                await databases[(writer + 1) % 2].ReadAsync(
                    session => session.ScalarAsync<long>("SELECT COUNT(*) FROM answers"), CancellationToken.None);
            }
        }));
        await Task.WhenAll(writers).WaitAsync(Generous);

        var rows = await databases[0].ReadAsync(session => session.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log"), CancellationToken.None);
        Assert.Equal(16 * 25, rows);
    }

    [Fact]
    public async Task TwoWriterProcessesAndThisOneShareTheFileWithoutALockError()
    {
        var database = Backend.Open();
        await database.MigrateAsync(CancellationToken.None);

        using var first = Process.Start(WriterProcess.StartInfo(Backend.FilePath, "process-1", 60))!;
        using var second = Process.Start(WriterProcess.StartInfo(Backend.FilePath, "process-2", 60))!;
        var outputs = new[] { first.StandardOutput.ReadToEndAsync(), second.StandardOutput.ReadToEndAsync() };
        var payload = new string('z', 64 * 1024);
        for (var i = 0; i < 60; i++)
        {
            await database.WriteAsync(session => WriterProcess.WriteOneAsync(session, "parent", i, payload), CancellationToken.None);
        }

        await first.WaitForExitAsync().WaitAsync(Generous);
        await second.WaitForExitAsync().WaitAsync(Generous);

        var lines = (await Task.WhenAll(outputs)).SelectMany(o => o.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.DoesNotContain(lines, line => line.StartsWith("error", StringComparison.Ordinal));
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        var rows = await database.ReadAsync(session => session.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log"), CancellationToken.None);
        Assert.Equal(180, rows);
    }

    [Fact]
    public async Task AWriterKilledMidWriteLeavesAnIntactDatabaseWithEveryCommittedRow()
    {
        await Backend.Open().MigrateAsync(CancellationToken.None);
        var committed = new List<int>();

        for (var round = 0; round < 3; round++)
        {
            using var writer = Process.Start(WriterProcess.StartInfo(Backend.FilePath, $"round-{round}", 0))!;
            var seen = 0;
            while (seen < 20 + (round * 7))
            {
                var line = await writer.StandardOutput.ReadLineAsync().WaitAsync(Generous);
                Assert.NotNull(line);
                Assert.StartsWith("committed ", line, StringComparison.Ordinal);
                seen++;
            }

            writer.Kill(entireProcessTree: true);
            await writer.WaitForExitAsync().WaitAsync(Generous);
            committed.Add(seen);
        }

        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection($"Data Source={Backend.FilePath}");
        await connection.OpenAsync();
        Assert.Equal("ok", await ScalarAsync(connection, "PRAGMA integrity_check"));
        for (var round = 0; round < committed.Count; round++)
        {
            var tag = $"round-{round}";
            var audited = await ScalarAsync(connection, $"SELECT COUNT(*) FROM audit_log WHERE actor_id = '{tag}' AND CAST(target AS INTEGER) < {committed[round]}");
            var answers = await ScalarAsync(connection, $"SELECT COUNT(*) FROM answers WHERE channel_id = '{tag}' AND length(reply) = 65536 AND CAST(message_id AS INTEGER) < {committed[round]}");
            var torn = await ScalarAsync(connection, $"SELECT COUNT(*) FROM audit_log a WHERE actor_id = '{tag}' AND NOT EXISTS (SELECT 1 FROM answers n WHERE n.channel_id = a.actor_id AND n.message_id = a.target)");
            Assert.Equal(committed[round].ToString(System.Globalization.CultureInfo.InvariantCulture), audited);
            Assert.Equal(audited, answers);
            Assert.Equal("0", torn);
        }

        // And the file takes new writes after the crash.
        var reopened = Backend.Open();
        await reopened.WriteAsync(session => WriterProcess.WriteOneAsync(session, "after", 0, "p"), CancellationToken.None);
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
