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
        var write = new PendingWrite<T>(work, cancellationToken);
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

/// <summary>One caller's write, waiting for its commit.</summary>
internal abstract class PendingWrite(CancellationToken cancellationToken)
{
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Runs the work inside the batch's transaction; its result is held until the commit.</summary>
    public abstract Task RunAsync(StateSession session);

    /// <summary>The commit that held it is durable.</summary>
    public abstract void Complete();

    public abstract void Fail(Exception exception);

    /// <returns>True when the caller gave up before the write started: it is not run.</returns>
    public bool TryCancelIfAsked()
    {
        if (!CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        Fail(new OperationCanceledException(CancellationToken));
        return true;
    }
}

internal sealed class PendingWrite<T>(Func<StateSession, Task<T>> work, CancellationToken cancellationToken) : PendingWrite(cancellationToken)
{
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T _result = default!;

    public Task<T> Task => _done.Task;

    public override async Task RunAsync(StateSession session) => _result = await work(session);

    public override void Complete() => _done.TrySetResult(_result);

    public override void Fail(Exception exception)
    {
        if (exception is OperationCanceledException canceled)
        {
            _done.TrySetCanceled(canceled.CancellationToken);
        }
        else
        {
            _done.TrySetException(exception);
        }
    }
}
