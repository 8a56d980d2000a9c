using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace StoryBot.State.Storage;

/// <summary>
/// What both providers share: one transaction per read, writes that arrive together sharing one
/// commit (<see cref="GroupCommit"/>), retry of transient conflicts, the migration runner, and
/// telling <see cref="StoreReachability"/> whether the store answered (a store that cannot be
/// reached fails the call at once with <see cref="StateUnavailableException"/>). Providers supply
/// connections, transactions and what counts as transient or unreachable.
/// </summary>
public abstract class StateDatabase : IStateDatabase, IAsyncDisposable, IDisposable
{
    private const int MaxAttempts = 12;
    private const string WriteSavepoint = "storybot_write";

    private readonly IReadOnlyList<StateMigration> _migrations;
    private readonly ILogger _logger;
    private readonly StoreReachability _reachability;
    private readonly SemaphoreSlim _migrationGate = new(1, 1);
    private readonly GroupCommit _writes;
    private volatile bool _migrated;

    // The group commit's writer keeps its connection and prepared statements between batches; only
    // its one loop touches them, and they are dropped after any failure and opened anew.
    private PreparedCommands? _writer;

    protected StateDatabase(IEnumerable<IStateMigrations> migrationSources, ILogger logger, StoreReachability? reachability)
    {
        _migrations = OrderedMigrations(migrationSources);
        _logger = logger;
        _reachability = reachability ?? new StoreReachability(TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<StoreReachability>.Instance);
        _writes = new GroupCommit(CommitAsync);
    }

    public abstract SqlDialect Dialect { get; }

    public async Task<T> ReadAsync<T>(Func<StateSession, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureMigratedAsync(cancellationToken);
        return await RunAsync(work, write: false, cancellationToken);
    }

    public async Task<T> WriteAsync<T>(Func<StateSession, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureMigratedAsync(cancellationToken);
        return await _writes.WriteAsync(work, cancellationToken);
    }

    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        await EnsureMigratedAsync(cancellationToken);
        return await OpenAsync(cancellationToken);
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await _migrationGate.WaitAsync(cancellationToken);
        try
        {
            if (_migrated)
            {
                return;
            }

            await using (var migrationLock = await AcquireMigrationLockAsync(cancellationToken))
            {
                await RunAsync(
                    session => session.ExecuteAsync(
                        "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"),
                    write: true,
                    cancellationToken);

                foreach (var migration in _migrations)
                {
                    var applied = await RunAsync(session => ApplyOnceAsync(session, migration), write: true, cancellationToken);
                    if (applied)
                    {
                        _logger.LogInformation("Applied state migration {Version} ({Name})", migration.Version, migration.Name);
                    }
                }
            }

            _migrated = true;
        }
        finally
        {
            _migrationGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _writes.DisposeAsync();
        await DropWriterAsync();
        await DisposeCoreAsync();
        _migrationGate.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>For hosts disposed synchronously (<c>using var host</c>).</summary>
    public void Dispose()
    {
        _writes.Dispose();
        DropWriterAsync().AsTask().GetAwaiter().GetResult();
        DisposeCore();
        _migrationGate.Dispose();
        GC.SuppressFinalize(this);
    }

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

    private async Task EnsureMigratedAsync(CancellationToken cancellationToken)
    {
        if (!_migrated)
        {
            await MigrateAsync(cancellationToken);
        }
    }

    private static async Task<bool> ApplyOnceAsync(StateSession session, StateMigration migration)
    {
        // Checked inside the migration's own transaction so two migrators never apply one step twice.
        var done = await session.ScalarAsync<long>(
            "SELECT COUNT(*) FROM schema_version WHERE version = @version", ("version", (long)migration.Version));
        if (done > 0)
        {
            return false;
        }

        await session.ExecuteAsync(migration.Sql(session.Dialect));
        await session.ExecuteAsync(
            "INSERT INTO schema_version (version, name, applied_at) VALUES (@version, @name, @applied)",
            ("version", (long)migration.Version),
            ("name", migration.Name),
            ("applied", TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds()));
        return true;
    }

    private async Task<T> RunAsync<T>(Func<StateSession, Task<T>> work, bool write, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await OpenAsync(cancellationToken);
                await using var transaction = await BeginAsync(connection, write, cancellationToken);
                var result = await work(new StateSession(connection, transaction, Dialect, cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                _reachability.Succeeded();
                return result;
            }
            catch (Exception exception) when (IsUnreachable(exception) && !cancellationToken.IsCancellationRequested)
            {
                // Retrying here would hold every caller through an outage; callers that must not lose
                // the work keep it for later (DeferredStateWrites), the others fall back.
                _reachability.Failed(exception);
                throw new StateUnavailableException(exception);
            }
            catch (Exception exception) when (attempt < MaxAttempts && IsTransient(exception) && !cancellationToken.IsCancellationRequested)
            {
                _logger.LogDebug(exception, "State transaction conflicted (attempt {Attempt}); retrying", attempt);

                await Task.Delay(RetryDelay(attempt), TimeProvider.System, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Runs a batch of writes in one transaction, then commits once and settles them all. Writes
    /// seldom fail on their own, so a batch first runs plainly; when one of several does, the
    /// transaction is rolled back and the batch runs again with each write behind a savepoint, so
    /// that the failing one is undone alone. A transient conflict runs the whole batch again.
    /// </summary>
    private async Task CommitAsync(IReadOnlyList<PendingWrite> batch)
    {
        var isolated = false;
        for (var attempt = 1; ; attempt++)
        {
            var kept = _writer is not null;
            try
            {
                var writer = _writer ??= new PreparedCommands(await OpenAsync(CancellationToken.None));
                var failed = new Dictionary<PendingWrite, Exception>();
                await using (var transaction = await BeginAsync(writer.Connection, write: true, CancellationToken.None))
                {
                    if (!await RunBatchAsync(batch, writer, transaction, isolated, failed))
                    {
                        await transaction.RollbackAsync(CancellationToken.None);
                        isolated = true;
                        continue;
                    }

                    await transaction.CommitAsync(CancellationToken.None);
                }

                _reachability.Succeeded();
                foreach (var write in batch)
                {
                    if (failed.TryGetValue(write, out var exception))
                    {
                        write.Fail(exception);
                    }
                    else
                    {
                        write.Complete();
                    }
                }

                return;
            }
            catch (Exception exception) when (IsUnreachable(exception))
            {
                await DropWriterAsync();
                if (kept)
                {
                    // A kept connection can go stale (a server restart, a dropped idle connection):
                    // whether the store is out of reach is for a new connection to say.
                    continue;
                }

                // As for a single call: the callers that must not lose their writes keep them for later.
                _reachability.Failed(exception);
                var unavailable = new StateUnavailableException(exception);
                foreach (var write in batch)
                {
                    write.Fail(unavailable);
                }

                return;
            }
            catch (Exception exception) when (attempt < MaxAttempts && IsTransient(exception))
            {
                await DropWriterAsync();
                _logger.LogDebug(exception, "State transaction conflicted (attempt {Attempt}); retrying", attempt);
                await Task.Delay(RetryDelay(attempt), TimeProvider.System);
            }
            catch (Exception exception)
            {
                await DropWriterAsync();
                foreach (var write in batch)
                {
                    write.Fail(exception);
                }

                return;
            }
        }
    }

    /// <returns>False when, run plainly, one write of several failed on its own: the batch is to run again, isolated.</returns>
    private async Task<bool> RunBatchAsync(
        IReadOnlyList<PendingWrite> batch, PreparedCommands writer, DbTransaction transaction, bool isolated, Dictionary<PendingWrite, Exception> failed)
    {
        foreach (var write in batch)
        {
            if (isolated)
            {
                await transaction.SaveAsync(WriteSavepoint);
            }

            try
            {
                await write.RunAsync(new StateSession(writer.Connection, transaction, Dialect, write.CancellationToken, writer));
                if (isolated)
                {
                    await transaction.ReleaseAsync(WriteSavepoint);
                }
            }
            catch (Exception exception) when (batch.Count > 1 && !IsTransient(exception))
            {
                if (!isolated)
                {
                    return false;
                }

                await transaction.RollbackAsync(WriteSavepoint);
                failed[write] = exception;
            }
        }

        return true;
    }

    private async ValueTask DropWriterAsync()
    {
        if (_writer is { } writer)
        {
            _writer = null;
            await writer.DisposeAsync();
        }
    }

    // Real time on purpose: this backs off from a busy database, it is no part of the bot's clock
    // (a test's fake clock must not stall storage).
    private static TimeSpan RetryDelay(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(1000, 10 * (1 << Math.Min(attempt, 7))) * (0.5 + Random.Shared.NextDouble()));

    private static List<StateMigration> OrderedMigrations(IEnumerable<IStateMigrations> sources)
    {
        var all = sources.SelectMany(source => source.Migrations).OrderBy(m => m.Version).ToList();
        var clash = all.GroupBy(m => m.Version).FirstOrDefault(group => group.Count() > 1);
        if (clash is not null)
        {
            throw new InvalidOperationException(
                $"State migration version {clash.Key} is used twice: {string.Join(", ", clash.Select(m => $"'{m.Name}'"))}.");
        }

        return all;
    }
}
