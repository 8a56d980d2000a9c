using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StoryBot.State.Storage;

/// <summary>
/// State writes that must not hold up answering: each is applied at once while the store is
/// reachable, and is otherwise kept and retried in order, with <see cref="StateWriteRetry"/>, until
/// the store is back. A write is a <see cref="StateWrite"/> (a kind and its data) that its
/// <see cref="IStateWriteKind"/> applies, so one that waits is also kept in
/// <see cref="StateWriteSpill"/>'s file in the data directory: a stop or a crash during the outage
/// loses nothing, and the next start applies what was left (<see cref="ReplayLeftOverAsync"/>,
/// before anything reads the state) or lets it wait again; files left by a process that has gone
/// while this one runs are taken over later (<see cref="TakeOverLeftOverAsync"/>); either reads a
/// file left over in batches, so its size costs disk only. Applying a write twice changes nothing,
/// so a crash between a write's commit and its mark in the file does no harm. At most
/// <see cref="StorageOptions.MaxDeferredWrites"/> wait in memory; later ones wait in the file only
/// and are read back, in order, as the queue empties, so a long outage costs disk rather than memory.
/// Only a write that neither can take (the file at <see cref="StorageOptions.MaxSpillFileBytes"/>,
/// or failing) is dropped, logged as an error. A write may stand for a key (a journaled request):
/// while it waits, the key is known here, so the key counts as seen before the store has it.
/// </summary>
public sealed partial class DeferredStateWrites : BackgroundService
{
    private readonly Channel<StateWrite> _waiting;
    private readonly Dictionary<string, IStateWriteKind> _kinds;
    private readonly StoreReachability _reachability;
    private readonly StateWriteRetry _retry;
    private readonly StateWriteSpill _spill;
    private readonly ILogger<DeferredStateWrites> _logger;
    private readonly ConcurrentDictionary<string, byte> _waitingKeys = new(StringComparer.Ordinal);

    private readonly int _inMemory;
    private readonly TimeProvider _time;

    // Keeps the file's order the queue's, and the file empty exactly when nothing waits.
    private readonly Lock _gate = new();
    private int _pending;

    // In memory: queued, or being applied (taken off the queue but not yet landed).
    private int _held;

    // The writes waiting on disk only: the waiting lines of the file from _diskOnlyFrom on.
    private int _diskOnly;
    private long _diskOnlyFrom;
    private bool _memoryFullLogged;
    private long _dropped;

    public DeferredStateWrites(
        IEnumerable<IStateWriteKind> kinds,
        StoreReachability reachability,
        StateWriteRetry retry,
        StateWriteSpill spill,
        IOptions<StorageOptions> options,
        TimeProvider time,
        ILogger<DeferredStateWrites> logger)
    {
        _kinds = kinds.ToDictionary(k => k.Kind, StringComparer.Ordinal);
        _reachability = reachability;
        _retry = retry;
        _spill = spill;
        _time = time;
        _logger = logger;
        _inMemory = options.Value.MaxDeferredWrites;

        // Never fuller than _held, which says when a write waits on disk only.
        _waiting = Channel.CreateBounded<StateWrite>(
            new BoundedChannelOptions(_inMemory) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    }

    /// <summary>Writes waiting for the store, in memory and on disk only.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Of <see cref="Pending"/>, the writes waiting on disk only, past <see cref="StorageOptions.MaxDeferredWrites"/>.</summary>
    public int PendingOnDiskOnly
    {
        get
        {
            lock (_gate)
            {
                return _diskOnly;
            }
        }
    }

    /// <summary>
    /// Applies <paramref name="write"/> now, or keeps it for later when the store is unreachable or
    /// earlier writes still wait (so that writes land in the order they were made). Failures other
    /// than an unreachable store reach the caller as before.
    /// </summary>
    public Task RunAsync(StateWrite write, CancellationToken cancellationToken) =>
        RunAsync(write, keyed: false, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(StateWrite, CancellationToken)"/>, for the first write of the
    /// write's <see cref="StateWrite.Key"/>: while it waits, the key is seen.
    /// </summary>
    /// <returns>
    /// False, with nothing kept, when a write of the key already waits, or when the write was
    /// applied at once and the store had it already.
    /// </returns>
    public Task<bool> RunOnceAsync(StateWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(write.Key, nameof(write) + "." + nameof(write.Key));
        return RunAsync(write, keyed: true, cancellationToken);
    }

    /// <summary>
    /// Applies, in order, the writes an earlier run left waiting; those the store cannot take now
    /// wait again. Runs once, while the host starts, after the schema is migrated and before
    /// anything reads the state (the unfinished work a restart resumes is among them).
    /// </summary>
    public async Task ReplayLeftOverAsync(CancellationToken cancellationToken)
    {
        var (applied, waiting) = await TakeOverAsync(cancellationToken);
        if (applied + waiting > 0)
        {
            LogReplayed(applied, waiting, _spill.FilePath);
        }
    }

    /// <summary>
    /// Takes over, while the host runs, the files of processes that have gone without a next start
    /// on this data directory (an instance sharing it that crashed): their writes are applied, or,
    /// while the store cannot take them or writes wait here, move to this process's file and wait
    /// behind the ones already waiting here, to land as they do.
    /// </summary>
    /// <returns>How many writes were taken over.</returns>
    public async Task<int> TakeOverLeftOverAsync(CancellationToken cancellationToken)
    {
        var (applied, waiting) = await TakeOverAsync(cancellationToken);
        if (applied + waiting > 0)
        {
            LogTakenOver(applied, waiting, _spill.FilePath);
        }

        return applied + waiting;
    }

    /// <summary>The most writes read from a file taken over and held at once: one batch at most, whatever the file's size.</summary>
    internal int MostTakenOverAtOnce { get; private set; }

    /// <summary>
    /// Each file left over, in batches of <see cref="StorageOptions.MaxDeferredWrites"/>: a batch is
    /// applied, or moved here, before the next is read, so a file of any size costs one batch of
    /// memory, and the file is told it is passed (<see cref="StateWriteSpill.Passed"/>), so a
    /// takeover cut short by a crash or a stop goes on after it. A file that cannot be read, or
    /// whose writes cannot be moved here, stays for a later look from where it was last passed.
    /// </summary>
    private async Task<(int Applied, int Waiting)> TakeOverAsync(CancellationToken cancellationToken)
    {
        var applied = 0;
        var waiting = 0;
        foreach (var file in _spill.TakeLeftOver())
        {
            using (file)
            {
                while (_spill.NextBatch(file, _inMemory) is { } batch)
                {
                    if (batch.Count == 0)
                    {
                        _spill.Finished(file);
                        break;
                    }

                    MostTakenOverAtOnce = Math.Max(MostTakenOverAtOnce, batch.Count);
                    var moved = 0;
                    foreach (var write in batch)
                    {
                        switch (await ApplyTakenOverAsync(write, cancellationToken))
                        {
                            case TakenOver.Applied:
                                applied++;
                                continue;
                            case TakenOver.Failed:
                                continue;
                        }

                        if (!MoveIn(write))
                        {
                            // Not passed: the file stays, from its last cursor, for a later look.
                            return (applied, waiting + moved);
                        }

                        moved++;
                    }

                    waiting += moved;
                    if (moved > 0 && !FlushMoved())
                    {
                        return (applied, waiting);
                    }

                    _spill.Passed(file);
                }
            }
        }

        return (applied, waiting);
    }

    /// <summary>
    /// Applies a write taken over while nothing waits here and the store is reachable; once one
    /// waits, the later ones wait behind it, in their order.
    /// </summary>
    private async Task<TakenOver> ApplyTakenOverAsync(StateWrite write, CancellationToken cancellationToken)
    {
        if (Pending > 0 || !_reachability.IsReachable)
        {
            return TakenOver.Waits;
        }

        try
        {
            await ApplyAsync(write, cancellationToken);
            return TakenOver.Applied;
        }
        catch (StateUnavailableException)
        {
            return TakenOver.Waits;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // As in the queue: one the store refuses for good must not hold up the others.
            LogFailed(exception, write.Kind);
            return TakenOver.Failed;
        }
    }

    private enum TakenOver
    {
        Applied,
        Failed,
        Waits,
    }

    private async Task<bool> RunAsync(StateWrite write, bool keyed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var key = keyed ? write.Key : null;
        if (key is not null && _waitingKeys.ContainsKey(key))
        {
            return false;
        }

        if (_reachability.IsReachable && Pending == 0)
        {
            try
            {
                return await ApplyAsync(write, cancellationToken);
            }
            catch (StateUnavailableException)
            {
                // Kept below; the outage is already logged.
            }
        }

        // Taken before the write is queued, so that of two arriving together only one is kept.
        if (key is not null && !_waitingKeys.TryAdd(key, 0))
        {
            return false;
        }

        lock (_gate)
        {
            Hold(write, _spill.Waiting(write), movedIn: false);
        }

        return true;
    }

    /// <summary>Moves a write another file held into this process's file, where it waits.</summary>
    /// <returns>Whether it is in this process's file.</returns>
    private bool MoveIn(StateWrite write)
    {
        lock (_gate)
        {
            var onDisk = _spill.Moved(write);
            Hold(write, onDisk, movedIn: true);
            return onDisk;
        }
    }

    private bool FlushMoved()
    {
        lock (_gate)
        {
            return _spill.FlushMoved();
        }
    }

    /// <summary>
    /// Under the lock, once <paramref name="write"/>'s line is appended (<paramref name="onDisk"/>)
    /// or could not be: it waits in memory, in order, while there is room there and none waits on
    /// disk only; otherwise on disk only, to be read back. One neither can take is dropped.
    /// </summary>
    private void Hold(StateWrite write, bool onDisk, bool movedIn)
    {
        if (_diskOnly == 0 && _held < _inMemory && _waiting.Writer.TryWrite(write))
        {
            _held++;
            Counted(write);
            return;
        }

        if (onDisk)
        {
            if (_diskOnly++ == 0)
            {
                _diskOnlyFrom = _spill.LastLineStart;
                if (!_memoryFullLogged)
                {
                    _memoryFullLogged = true;
                    LogMemoryFull(_inMemory, _spill.FilePath);
                }
            }

            Counted(write);
            return;
        }

        if (movedIn)
        {
            // Not lost: its old file is not passed beyond it, and a later look takes it over.
            return;
        }

        if (write.Key is { } key)
        {
            _waitingKeys.TryRemove(key, out _);
        }

        if (_dropped++ == 0)
        {
            LogDropped(write.Kind, _inMemory, _spill.FilePath);
        }
    }

    private void Counted(StateWrite write)
    {
        if (write.Key is { } key)
        {
            _waitingKeys.TryAdd(key, 0);
        }

        Interlocked.Increment(ref _pending);
    }

    /// <summary>
    /// Once the queue in memory is empty, takes the next writes that wait on disk only into it.
    /// </summary>
    /// <returns>Whether some still wait on disk only and could not be read now.</returns>
    private bool ReadBackFromDisk()
    {
        lock (_gate)
        {
            if (_diskOnly == 0 || _held > 0)
            {
                return false;
            }

            var writes = _spill.ReadBack(_diskOnlyFrom, Math.Min(_diskOnly, _inMemory), out var next, out var atEnd);
            foreach (var write in writes)
            {
                _waiting.Writer.TryWrite(write);
            }

            _held += writes.Count;

            _diskOnly -= writes.Count;
            _diskOnlyFrom = next;
            if (atEnd && _diskOnly > 0)
            {
                // The file lost lines it had taken (cut short by hand?): said, not waited for for ever.
                LogLostFromFile(_diskOnly, _spill.FilePath);
                Forget(_diskOnly);
                _diskOnly = 0;
            }

            return _diskOnly > 0 && writes.Count == 0;
        }
    }

    private Task<bool> ApplyAsync(StateWrite write, CancellationToken cancellationToken) =>
        _kinds.TryGetValue(write.Kind, out var kind)
            ? kind.ApplyAsync(write, cancellationToken)
            : throw new InvalidOperationException($"No state write kind '{write.Kind}' is registered.");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                if (_waiting.Reader.TryRead(out var write))
                {
                    await WriteAsync(write, stoppingToken);
                }
                else if (ReadBackFromDisk())
                {
                    // The file cannot be read now; its writes wait there for a later try.
                    await Task.Delay(TimeSpan.FromSeconds(1), _time, stoppingToken);
                }
                else if (PendingOnDiskOnly == 0)
                {
                    // A write that would wait on disk only finds the queue empty and comes here instead.
                    await _waiting.Reader.WaitToReadAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            if (Pending > 0)
            {
                LogKeptAtStop(Pending, _spill.FilePath);
            }
        }
    }

    public override void Dispose()
    {
        lock (_gate)
        {
            _spill.Dispose();
        }

        base.Dispose();
    }

    private async Task WriteAsync(StateWrite write, CancellationToken stoppingToken)
    {
        try
        {
            await _retry.Pipeline.ExecuteAsync(async token => await ApplyAsync(write, token), stoppingToken);
            Settled(write);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A write the store refuses for good (not an outage) would otherwise block every later one.
            Settled(write);
            LogFailed(exception, write.Kind);
        }
    }

    /// <summary>Its key is let go only now: once the write has landed, the store knows the key itself.</summary>
    private void Settled(StateWrite write)
    {
        lock (_gate)
        {
            if (write.Key is { } key)
            {
                _waitingKeys.TryRemove(key, out _);
            }

            _held--;
            if (Pending > 1)
            {
                _spill.Landed(write);
            }

            Forget(1);
        }
    }

    /// <summary>
    /// Under the lock: <paramref name="count"/> writes wait no more. Once none does, the file goes
    /// and the next outage is warned of afresh, all before <see cref="Pending"/> says so.
    /// </summary>
    private void Forget(int count)
    {
        if (Pending == count)
        {
            NothingWaits();
        }

        Interlocked.Add(ref _pending, -count);
    }

    private void NothingWaits()
    {
        _spill.Clear();
        _memoryFullLogged = false;
        if (_dropped > 0)
        {
            LogDroppedInAll(_dropped);
            _dropped = 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A state write kept for later ({Kind}) failed and is dropped")]
    private partial void LogFailed(Exception exception, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} state writes wait for the store in memory (Storage:MaxDeferredWrites); further ones wait in {File} only, and are read back in order as the earlier ones land")]
    private partial void LogMemoryFull(int count, string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "A state write ({Kind}) is dropped: {Count} wait in memory (Storage:MaxDeferredWrites) and {File} takes no more (Storage:MaxSpillFileBytes reached, or it cannot be written); further ones are dropped too until there is room")]
    private partial void LogDropped(string kind, int count, string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} state writes were dropped during the outage, for want of room in memory and on disk")]
    private partial void LogDroppedInAll(long count);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} state writes that waited in {File} only are no longer in it and cannot be applied")]
    private partial void LogLostFromFile(int count, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} state writes still waited for the store when the bot stopped; they are kept in {File} for the next start")]
    private partial void LogKeptAtStop(int count, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "State writes left waiting by a process that has gone are taken over: {Applied} applied, {Waiting} wait here for the store (kept in {File})")]
    private partial void LogTakenOver(int applied, int waiting, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "State writes left waiting by an earlier run: {Applied} applied, {Waiting} wait for the store again (kept in {File})")]
    private partial void LogReplayed(int applied, int waiting, string file);
}
