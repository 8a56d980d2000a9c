using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace StoryBot.State.Storage;

/// <summary>
/// State in one SQLite file: write-ahead log so readers never wait for writers, FULL sync so a
/// committed moderator change survives a power cut, and IMMEDIATE write transactions so two
/// writers queue on the busy timeout instead of failing half-way.
/// </summary>
public sealed class SqliteStateDatabase : StateDatabase
{
    private const int BusyTimeoutMilliseconds = 5000;

    private readonly string _connectionString;
    private volatile bool _walChecked;

    public SqliteStateDatabase(string connectionString, IEnumerable<IStateMigrations> migrations, ILogger<SqliteStateDatabase> logger, StoreReachability? reachability = null)
        : base(migrations, logger, reachability)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode is SqliteOpenMode.ReadWriteCreate or SqliteOpenMode.ReadWrite
            && !string.IsNullOrEmpty(builder.DataSource)
            && !builder.DataSource.Equals(":memory:", StringComparison.OrdinalIgnoreCase))
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        builder.Pooling = true;
        _connectionString = builder.ToString();
    }

    public override SqlDialect Dialect => SqlDialect.Sqlite;

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragmas = connection.CreateCommand();
            // Statement journals in memory: a statement that writes many rows inside a transaction keeps
            // the pages it changes so that it can be undone alone, and past 64 KiB SQLite would spill
            // them to a temporary file, a write for every page. They are never synced and a crash
            // drops them with the transaction either way, so commits are exactly as durable.
            pragmas.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            if (!_walChecked)
            {
                // Persistent in the file; set once per process, outside any transaction.
                pragmas.CommandText = "PRAGMA journal_mode = WAL;";
                await pragmas.ExecuteNonQueryAsync(cancellationToken);
                _walChecked = true;
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    protected override Task<DbTransaction> BeginAsync(DbConnection connection, bool write, CancellationToken cancellationToken) =>
        // IMMEDIATE takes the write lock up front (waiting on busy_timeout); a deferred
        // transaction that reads and then writes could fail with SQLITE_BUSY mid-way instead.
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: !write));

    protected override bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: var code } && (code & 0xFF) is 5 or 6; // SQLITE_BUSY, SQLITE_LOCKED

    protected override bool IsUnreachable(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: var code } && (code & 0xFF) is 10 or 14; // SQLITE_IOERR, SQLITE_CANTOPEN

    protected override Task<IAsyncDisposable> AcquireMigrationLockAsync(CancellationToken cancellationToken) =>
        // Each migration runs in an IMMEDIATE transaction that re-checks schema_version, which
        // already serializes migrators sharing the file.
        Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    protected override ValueTask DisposeCoreAsync()
    {
        DisposeCore();
        return ValueTask.CompletedTask;
    }

    protected override void DisposeCore()
    {
        // Pooled connections keep the file open; release them so the file can be moved or deleted.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static NoLock Instance { get; } = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
