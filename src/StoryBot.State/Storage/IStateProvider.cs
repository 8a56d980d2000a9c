using System.Data.Common;

namespace StoryBot.State.Storage;

/// <summary>
/// What a provider (SQLite, PostgreSQL) supplies to the shared transaction and migration code:
/// connections, transactions, its migration lock, and which failures are transient or mean the
/// store cannot be reached. <see cref="StateDatabase"/> implements it from its abstract members.
/// </summary>
internal interface IStateProvider
{
    SqlDialect Dialect { get; }

    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    Task<DbTransaction> BeginAsync(DbConnection connection, bool write, CancellationToken cancellationToken);

    bool IsTransient(Exception exception);

    bool IsUnreachable(Exception exception);

    Task<IAsyncDisposable> AcquireMigrationLockAsync(CancellationToken cancellationToken);
}
