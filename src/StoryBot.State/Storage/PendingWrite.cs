namespace StoryBot.State.Storage;

/// <summary>One caller's write, waiting for its commit (<see cref="GroupCommit"/>).</summary>
internal abstract class PendingWrite(CancellationToken cancellationToken)
{
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Writes with the same key may run together (<see cref="RunTogetherAsync"/>); null runs alone.</summary>
    public virtual object? BatchKey => null;

    /// <summary>Runs the work inside the batch's transaction; its result is held until the commit.</summary>
    public abstract Task RunAsync(StateSession session);

    /// <summary>Runs <paramref name="group"/>, this write and the others of its <see cref="BatchKey"/>, as one.</summary>
    public virtual Task RunTogetherAsync(StateSession session, IReadOnlyList<PendingWrite> group) =>
        group.Count == 1 ? RunAsync(session) : throw new InvalidOperationException("This write runs alone.");

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

/// <summary>A write whose result is held until its commit is durable.</summary>
internal abstract class PendingWrite<T>(CancellationToken cancellationToken) : PendingWrite(cancellationToken)
{
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Task => _done.Task;

    /// <summary>Set by each run; a run again (a retried or isolated batch) replaces it.</summary>
    protected T Result { get; set; } = default!;

    public override void Complete() => _done.TrySetResult(Result);

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

/// <summary>A write that is work of its own on the session.</summary>
internal sealed class PendingWork<T>(Func<StateSession, Task<T>> work, CancellationToken cancellationToken) : PendingWrite<T>(cancellationToken)
{
    public override async Task RunAsync(StateSession session) => Result = await work(session);
}

/// <summary>A write of a kind whose writes sharing a commit run together (<see cref="IBatchedWrite{TItem, TResult}"/>).</summary>
internal sealed class PendingBatchedWrite<TItem, TResult>(IBatchedWrite<TItem, TResult> kind, TItem item, CancellationToken cancellationToken)
    : PendingWrite<TResult>(cancellationToken)
{
    public override object? BatchKey => kind;

    public override Task RunAsync(StateSession session) => RunTogetherAsync(session, [this]);

    public override async Task RunTogetherAsync(StateSession session, IReadOnlyList<PendingWrite> group)
    {
        var writes = group.Cast<PendingBatchedWrite<TItem, TResult>>().ToList();
        var results = await kind.RunAsync(session, [.. writes.Select(write => write.Item)]);
        if (results.Count != writes.Count)
        {
            throw new InvalidOperationException($"{kind.GetType().Name} gave {results.Count} results for {writes.Count} writes.");
        }

        for (var i = 0; i < writes.Count; i++)
        {
            writes[i].Result = results[i];
        }
    }

    private TItem Item => item;
}
