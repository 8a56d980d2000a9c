using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace StoryBot.State.Storage;

/// <summary>
/// What both providers share: one transaction per read and writes that arrive together sharing
/// one commit (<see cref="GroupCommit"/>), both run by <see cref="StateTransactions"/> with retry
/// of transient conflicts, and the schema brought up to date first (<see cref="StateMigrator"/>).
/// Providers supply connections, transactions and what counts as transient or unreachable.
/// </summary>
public abstract class StateDatabase : IStateDatabase, IStateProvider, IAsyncDisposable, IDisposable
{
    private readonly StateTransactions _transactions;
    private readonly StateMigrator _migrator;
    private readonly GroupCommit _writes;

    protected StateDatabase(IEnumerable<IStateMigrations> migrationSources, ILogger logger, StoreReachability? reachability)
    {
        _transactions = new StateTransactions(
            this,
            reachability ?? new StoreReachability(TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<StoreReachability>.Instance),
            logger);

        // Before the committer starts: a clash of migration versions fails here with nothing to stop.
        _migrator = new StateMigrator(migrationSources, this, _transactions, logger);
        _writes = new GroupCommit(_transactions.CommitAsync);
    }

    public abstract SqlDialect Dialect { get; }

    public async Task<T> ReadAsync<T>(Func<StateSession, Task<T>> work, CancellationToken cancellationToken)
    {
        await _migrator.EnsureMigratedAsync(cancellationToken);
        return await _transactions.RunAsync(work, write: false, cancellationToken);
    }

    public async Task<T> WriteAsync<T>(Func<StateSession, Task<T>> work, CancellationToken cancellationToken)
    {
        await _migrator.EnsureMigratedAsync(cancellationToken);
        return await _writes.WriteAsync(work, cancellationToken);
    }

    public async Task<TResult> WriteAsync<TItem, TResult>(IBatchedWrite<TItem, TResult> kind, TItem item, CancellationToken cancellationToken)
    {
        await _migrator.EnsureMigratedAsync(cancellationToken);
        return await _writes.WriteAsync(kind, item, cancellationToken);
    }

    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        await _migrator.EnsureMigratedAsync(cancellationToken);
        return await OpenAsync(cancellationToken);
    }

    public Task MigrateAsync(CancellationToken cancellationToken) => _migrator.MigrateAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _writes.DisposeAsync();
        await _transactions.DropWriterAsync();
        await DisposeCoreAsync();
        _migrator.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>For hosts disposed synchronously (<c>using var host</c>).</summary>
    public void Dispose()
    {
        _writes.Dispose();
        _transactions.DropWriterAsync().AsTask().GetAwaiter().GetResult();
        DisposeCore();
        _migrator.Dispose();
        GC.SuppressFinalize(this);
    }

    Task<DbConnection> IStateProvider.OpenAsync(CancellationToken cancellationToken) => OpenAsync(cancellationToken);

    Task<DbTransaction> IStateProvider.BeginAsync(DbConnection connection, bool write, CancellationToken cancellationToken) =>
        BeginAsync(connection, write, cancellationToken);

    bool IStateProvider.IsTransient(Exception exception) => IsTransient(exception);

    bool IStateProvider.IsUnreachable(Exception exception) => IsUnreachable(exception);

    Task<IAsyncDisposable> IStateProvider.AcquireMigrationLockAsync(CancellationToken cancellationToken) =>
        AcquireMigrationLockAsync(cancellationToken);

    protected abstract ValueTask DisposeCoreAsync();

    protected abstract void DisposeCore();

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    protected abstract Task<DbTransaction> BeginAsync(DbConnection connection, bool write, CancellationToken cancellationToken);

    /// <summary>Whether the whole transaction may simply run again (busy file, serialization failure).</summary>
    protected abstract bool IsTransient(Exception exception);

    /// <summary>Whether the store could not be reached at all; such calls are not retried here but by their callers.</summary>
    protected abstract bool IsUnreachable(Exception exception);

    /// <summary>Keeps other instances from migrating at the same time; disposed when done.</summary>
    protected abstract Task<IAsyncDisposable> AcquireMigrationLockAsync(CancellationToken cancellationToken);
}
