using System.Data;
using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace StoryBot.State.Storage;

/// <summary>
/// State in PostgreSQL, shared by every instance of the bot. Migrators take an advisory lock
/// so several instances starting together apply each step once.
/// </summary>
public sealed class PostgresStateDatabase : StateDatabase
{
    // An arbitrary constant that names "the StoryBot schema" among advisory locks.
    private const long MigrationLockKey = 0x5374_6F72_7942_6F74;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresStateDatabase(string connectionString, IEnumerable<IStateMigrations> migrations, ILogger<PostgresStateDatabase> logger, StoreReachability? reachability = null)
        : base(migrations, logger, reachability)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public override SqlDialect Dialect => SqlDialect.Postgres;

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    protected override async Task<DbTransaction> BeginAsync(DbConnection connection, bool write, CancellationToken cancellationToken) =>
        await ((NpgsqlConnection)connection).BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    protected override bool IsTransient(Exception exception) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected } => true,
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };

    protected override bool IsUnreachable(Exception exception) => exception switch
    {
        // Class 08 is "connection exception"; 57P01-57P03 a server shutting down or starting; 53300 no free connection slot.
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                or PostgresErrorCodes.TooManyConnections,

        // Raised by the client, not the server: refused or broken connections, timeouts.
        NpgsqlException => true,
        _ => false,
    };

    protected override async Task<IAsyncDisposable> AcquireMigrationLockAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", MigrationLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new AdvisoryLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    protected override ValueTask DisposeCoreAsync() => _dataSource.DisposeAsync();

    protected override void DisposeCore() => _dataSource.Dispose();

    private sealed class AdvisoryLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", MigrationLockKey);
                await command.ExecuteNonQueryAsync();
            }
            finally
            {
                // Npgsql resets a pooled session (DISCARD ALL) on close, which releases the lock even when the unlock above failed.
                await connection.DisposeAsync();
            }
        }
    }
}
