using System.Threading.Channels;

namespace StoryBot.State.Storage;

/// <summary>
/// Write transactions that arrive while one is committing wait and then share the next commit: one
/// fully synced commit (one fsync) for the lot instead of one each. A caller's write has returned
/// only once the commit that holds it is durable, so nothing is weakened; a write that fails on its
/// own is undone alone (a savepoint) and the others still commit.
/// </summary>
internal sealed class GroupCommit : IAsyncDisposable
{
    /// <summary>More than this waits for the next commit, so one commit never grows without bound.</summary>
    private const int MaxBatch = 128;

    private readonly Channel<PendingWrite> _pending = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<PendingWrite>, Task> _commit;
    private readonly Task _committer;

    /// <param name="commit">Runs a batch in one transaction and settles every write in it.</param>
    public GroupCommit(Func<IReadOnlyList<PendingWrite>, Task> commit)
    {
        _commit = commit;
        _committer = Task.Run(CommitAllAsync);
    }

    public Task<T> WriteAsync<T>(Func<StateSession, Task<T>> work, CancellationToken cancellationToken)
    {
        var write = new PendingWork<T>(work, cancellationToken);
        return _pending.Writer.TryWrite(write) ? write.Task : throw new ObjectDisposedException(nameof(StateDatabase));
    }

    /// <summary>A write of a kind whose writes sharing a commit run together (<see cref="IBatchedWrite{TItem, TResult}"/>).</summary>
    public Task<TResult> WriteAsync<TItem, TResult>(IBatchedWrite<TItem, TResult> kind, TItem item, CancellationToken cancellationToken)
    {
        var write = new PendingBatchedWrite<TItem, TResult>(kind, item, cancellationToken);
        return _pending.Writer.TryWrite(write) ? write.Task : throw new ObjectDisposedException(nameof(StateDatabase));
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _committer;
    }

    /// <summary>For hosts disposed synchronously: what is queued is still committed.</summary>
    public void Dispose()
    {
        _pending.Writer.TryComplete();
        _committer.GetAwaiter().GetResult();
    }

    private async Task CommitAllAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await _pending.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var write))
            {
                if (!write.TryCancelIfAsked())
                {
                    batch.Add(write);
                }
            }

            if (batch.Count > 0)
            {
                await _commit(batch);
            }
        }
    }
}
