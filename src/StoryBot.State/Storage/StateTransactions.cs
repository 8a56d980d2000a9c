using System.Runtime.CompilerServices;
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

    public async Task<T> RunAsync<T>(Func<StateSession, Task<T>> work, bool write, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var committing = false;
            try
            {
                await using var connection = await provider.OpenAsync(cancellationToken);
                await using var transaction = await provider.BeginAsync(connection, write, cancellationToken);
                var result = await work(new StateSession(connection, transaction, provider.Dialect, cancellationToken));
                committing = true;
                await transaction.CommitAsync(cancellationToken);
                reachability.Succeeded();
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
    /// Runs a batch of writes in one transaction, each behind a savepoint so that one failing on its
    /// own is undone alone, then commits once and settles them all. A transient conflict runs the
    /// whole batch again.
    /// </summary>
    public async Task CommitAsync(IReadOnlyList<PendingWrite> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            var committing = new StrongBox<bool>();
            try
            {
                var failed = await CommitOnceAsync(batch, committing);
                reachability.Succeeded();
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
                // As for a single call: the callers that must not lose their writes keep them for later.
                reachability.Failed(exception);
                FailAll(batch, new StateUnavailableException(exception) { MayHaveCommitted = committing.Value });
                return;
            }
            catch (Exception exception) when (attempt < MaxAttempts && provider.IsTransient(exception))
            {
                logger.LogDebug(exception, "State transaction conflicted (attempt {Attempt}); retrying", attempt);
                await Task.Delay(RetryDelay(attempt), TimeProvider.System);
            }
            catch (Exception exception)
            {
                FailAll(batch, exception);
                return;
            }
        }
    }

    /// <returns>The writes that failed on their own and were undone; the others are committed.</returns>
    /// <param name="committing">Set once the commit is sent: a failure from then on may follow a change the store made.</param>
    private async Task<Dictionary<PendingWrite, Exception>> CommitOnceAsync(IReadOnlyList<PendingWrite> batch, StrongBox<bool> committing)
    {
        var isolated = batch.Count > 1;
        await using var connection = await provider.OpenAsync(CancellationToken.None);
        await using var transaction = await provider.BeginAsync(connection, write: true, CancellationToken.None);
        var failed = new Dictionary<PendingWrite, Exception>();
        foreach (var write in batch)
        {
            if (isolated)
            {
                await transaction.SaveAsync(WriteSavepoint);
            }

            try
            {
                await write.RunAsync(new StateSession(connection, transaction, provider.Dialect, write.CancellationToken));
                if (isolated)
                {
                    await transaction.ReleaseAsync(WriteSavepoint);
                }
            }
            catch (Exception exception) when (isolated && !provider.IsTransient(exception))
            {
                await transaction.RollbackAsync(WriteSavepoint);
                failed[write] = exception;
            }
        }

        committing.Value = true;
        await transaction.CommitAsync(CancellationToken.None);
        return failed;
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
