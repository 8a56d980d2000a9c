using System.Data.Common;

namespace StoryBot.State.Storage;

/// <summary>
/// The storage seam: SQLite (one file, WAL) or PostgreSQL (shared by several instances).
/// Every call runs its work in one transaction and retries it when the database is busy, so
/// callers never see "database is locked". The schema is migrated before the first call.
/// </summary>
public interface IStateDatabase
{
    SqlDialect Dialect { get; }

    /// <summary>Runs read-only work in a transaction (a consistent snapshot).</summary>
    Task<T> ReadAsync<T>(Func<StateSession, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// Runs work in a write transaction, committed durably before the task completes.
    /// The work may run again on a transient conflict; it must only touch the session.
    /// </summary>
    Task<T> WriteAsync<T>(Func<StateSession, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="WriteAsync{T}"/>, for one write of <paramref name="kind"/>: the writes of the
    /// kind that share a commit run together, in a few multi-row statements.
    /// </summary>
    Task<TResult> WriteAsync<TItem, TResult>(IBatchedWrite<TItem, TResult> kind, TItem item, CancellationToken cancellationToken);

    /// <summary>
    /// An open connection (schema migrated, SQLite busy timeout set) for code that issues
    /// single self-contained statements in autocommit; prefer <see cref="WriteAsync{T}"/>,
    /// which also retries. The caller disposes it.
    /// </summary>
    Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Applies pending migrations; safe to call many times and from several instances at once.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);
}
