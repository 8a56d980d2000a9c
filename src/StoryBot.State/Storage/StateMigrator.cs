using Microsoft.Extensions.Logging;

namespace StoryBot.State.Storage;

/// <summary>
/// Brings the schema up to date once per process, before the first use: every feature's
/// migrations in version order, each applied at most once (recorded in <c>schema_version</c>),
/// under the provider's lock so that two instances starting together never apply one twice.
/// </summary>
internal sealed class StateMigrator : IDisposable
{
    private readonly IReadOnlyList<StateMigration> _migrations;
    private readonly IStateProvider _provider;
    private readonly StateTransactions _transactions;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _migrated;

    /// <exception cref="InvalidOperationException">Two migrations share a version.</exception>
    public StateMigrator(IEnumerable<IStateMigrations> sources, IStateProvider provider, StateTransactions transactions, ILogger logger)
    {
        _migrations = OrderedMigrations(sources);
        _provider = provider;
        _transactions = transactions;
        _logger = logger;
    }

    public async Task EnsureMigratedAsync(CancellationToken cancellationToken)
    {
        if (!_migrated)
        {
            await MigrateAsync(cancellationToken);
        }
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_migrated)
            {
                return;
            }

            await using (var migrationLock = await _provider.AcquireMigrationLockAsync(cancellationToken))
            {
                await _transactions.RunAsync(
                    session => session.ExecuteAsync(
                        "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"),
                    write: true,
                    cancellationToken);

                foreach (var migration in _migrations)
                {
                    var applied = await _transactions.RunAsync(session => ApplyOnceAsync(session, migration), write: true, cancellationToken);
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
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

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
