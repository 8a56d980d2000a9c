using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace StoryBot.State.Storage;

/// <summary>
/// Runs work in a transaction of the provider's: once alone, or as a batch of writes sharing one
/// commit. A transient conflict runs the transaction again; a store that cannot be reached fails
/// the call at once with <see cref="StateUnavailableException"/>, and either way
/// <see cref="StoreReachability"/> learns whether the store answered.
/// </summary>
internal sealed class StateTransactions(IStateProvider provider, StoreReachability reachability, ILogger logger)
{
    private const int MaxAttempts = 12;
    private const string WriteSavepoint = "storybot_write";

    // The group commit's writer keeps its connection and prepared statements between batches; only
    // its one loop touches them, and they are dropped after any failure and opened anew.
    private PreparedCommands? _writer;

    public async Task<T> RunAsync<T>(Func<StateSession, Task<T>> work, bool write, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var committing = false;
            var outages = reachability.Outages;
            try
            {
                await using var connection = await provider.OpenAsync(cancellationToken);
                await using var transaction = await provider.BeginAsync(connection, write, cancellationToken);
                var result = await work(new StateSession(connection, transaction, provider.Dialect, cancellationToken));
                committing = true;
                await transaction.CommitAsync(cancellationToken);
                reachability.Succeeded(outages);
                return result;
            }
            catch (Exception exception) when (provider.IsUnreachable(exception) && !cancellationToken.IsCancellationRequested)
            {
                // Retrying here would hold every caller through an outage; callers that must not lose
                // the work keep it for later (DeferredStateWrites), the others fall back.
                reachability.Failed(exception);
                throw new StateUnavailableException(exception) { MayHaveCommitted = write && committing };
            }
            catch (Exception exception) when (attempt < MaxAttempts && provider.IsTransient(exception) && !cancellationToken.IsCancellationRequested)
            {
                logger.LogDebug(exception, "State transaction conflicted (attempt {Attempt}); retrying", attempt);

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
    public async Task CommitAsync(IReadOnlyList<PendingWrite> batch)
    {
        var isolated = false;
        for (var attempt = 1; ; attempt++)
        {
            var kept = _writer is not null;
            var committing = false;
            var outages = reachability.Outages;
            try
            {
                var writer = _writer ??= new PreparedCommands(await provider.OpenAsync(CancellationToken.None));
                var failed = new Dictionary<PendingWrite, Exception>();
                await using (var transaction = await provider.BeginAsync(writer.Connection, write: true, CancellationToken.None))
                {
                    if (!await RunBatchAsync(batch, writer, transaction, isolated, failed))
                    {
                        await transaction.RollbackAsync(CancellationToken.None);
                        isolated = true;
                        continue;
                    }

                    committing = true;
                    await transaction.CommitAsync(CancellationToken.None);
                }

                reachability.Succeeded(outages);
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
            catch (Exception exception) when (provider.IsUnreachable(exception))
            {
                await DropWriterAsync();
                if (kept && !committing)
                {
                    // A kept connection can go stale (a server restart, a dropped idle connection):
                    // whether the store is out of reach is for a new connection to say. Not once the
                    // commit was sent: the store may have made it, and running it again could make it twice.
                    continue;
                }

                // As for a single call: the callers that must not lose their writes keep them for later.
                reachability.Failed(exception);
                FailAll(batch, new StateUnavailableException(exception) { MayHaveCommitted = committing });
                return;
            }
            catch (Exception exception) when (attempt < MaxAttempts && provider.IsTransient(exception))
            {
                await DropWriterAsync();
                logger.LogDebug(exception, "State transaction conflicted (attempt {Attempt}); retrying", attempt);
                await Task.Delay(RetryDelay(attempt), TimeProvider.System);
            }
            catch (Exception exception)
            {
                await DropWriterAsync();
                FailAll(batch, exception);
                return;
            }
        }
    }

    /// <summary>Closes the writer's kept connection: after a failure, and when the database is disposed.</summary>
    public async ValueTask DropWriterAsync()
    {
        if (_writer is { } writer)
        {
            _writer = null;
            await writer.DisposeAsync();
        }
    }

    /// <returns>False when, run plainly, one write of several failed on its own: the batch is to run again, isolated.</returns>
    /// <remarks>
    /// Run plainly, writes that may run together do (<see cref="WriteGroups"/>); isolated, each runs
    /// alone behind its savepoint, so that a failing one is found and undone alone.
    /// </remarks>
    private async Task<bool> RunBatchAsync(
        IReadOnlyList<PendingWrite> batch, PreparedCommands writer, DbTransaction transaction, bool isolated, Dictionary<PendingWrite, Exception> failed)
    {
        var groups = isolated ? [.. batch.Select(write => (IReadOnlyList<PendingWrite>)[write])] : WriteGroups.Of(batch);
        foreach (var group in groups)
        {
            if (isolated)
            {
                await transaction.SaveAsync(WriteSavepoint);
            }

            // Several callers' writes are not stopped by one of them giving up once they have started.
            var cancellationToken = group.Count == 1 ? group[0].CancellationToken : CancellationToken.None;
            try
            {
                await group[0].RunTogetherAsync(new StateSession(writer.Connection, transaction, provider.Dialect, cancellationToken, writer), group);
                if (isolated)
                {
                    await transaction.ReleaseAsync(WriteSavepoint);
                }
            }
            catch (Exception exception) when (batch.Count > 1 && !provider.IsTransient(exception))
            {
                if (!isolated)
                {
                    return false;
                }

                await transaction.RollbackAsync(WriteSavepoint);
                failed[group[0]] = exception;
            }
        }

        return true;
    }

    private static void FailAll(IReadOnlyList<PendingWrite> batch, Exception exception)
    {
        foreach (var write in batch)
        {
            write.Fail(exception);
        }
    }

    // Real time on purpose: this backs off from a busy database, it is no part of the bot's clock
    // (a test's fake clock must not stall storage).
    private static TimeSpan RetryDelay(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(1000, 10 * (1 << Math.Min(attempt, 7))) * (0.5 + Random.Shared.NextDouble()));
}
