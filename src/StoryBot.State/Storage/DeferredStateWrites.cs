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
/// while this one runs are taken over later (<see cref="TakeOverLeftOver"/>). Applying a write twice changes nothing,
/// so a crash between a write's commit and its mark in the file does no harm. At most
/// <see cref="StorageOptions.MaxDeferredWrites"/> wait. A write may stand for a key (a journaled
/// request): while it waits, the key is known here, so the key counts as seen before the store has it.
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

    // Keeps the file's order the queue's, and the file empty exactly when nothing waits.
    private readonly Lock _gate = new();
    private int _pending;
    private long _dropped;

    public DeferredStateWrites(
        IEnumerable<IStateWriteKind> kinds,
        StoreReachability reachability,
        StateWriteRetry retry,
        StateWriteSpill spill,
        IOptions<StorageOptions> options,
        ILogger<DeferredStateWrites> logger)
    {
        _kinds = kinds.ToDictionary(k => k.Kind, StringComparer.Ordinal);
        _reachability = reachability;
        _retry = retry;
        _spill = spill;
        _logger = logger;
        _waiting = Channel.CreateBounded<StateWrite>(
            new BoundedChannelOptions(options.Value.MaxDeferredWrites) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            Dropped);
    }

    /// <summary>Writes waiting for the store.</summary>
    public int Pending => Volatile.Read(ref _pending);

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
        IReadOnlyList<StateWrite> leftOver;
        lock (_gate)
        {
            leftOver = _spill.ReadLeftOver();
            if (leftOver.Count == 0)
            {
                // Files whose every write had landed, if any, go.
                _spill.Reset([]);
                return;
            }
        }

        var applied = 0;
        var waitingAgain = new List<StateWrite>();
        foreach (var write in leftOver)
        {
            if (waitingAgain.Count == 0)
            {
                try
                {
                    await ApplyAsync(write, cancellationToken);
                    applied++;
                    continue;
                }
                catch (StateUnavailableException)
                {
                    // It and every later one wait again, in their order.
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // As in the queue: one the store refuses for good must not hold up the others.
                    LogFailed(exception, write.Kind);
                    continue;
                }
            }

            waitingAgain.Add(write);
        }

        lock (_gate)
        {
            _spill.Reset(waitingAgain);
            foreach (var write in waitingAgain)
            {
                Keep(write);
            }
        }

        LogReplayed(applied, waitingAgain.Count, _spill.FilePath);
    }

    /// <summary>
    /// Takes over, while the host runs, the files of processes that have gone without a next start
    /// on this data directory (an instance sharing it that crashed): their writes move to this
    /// process's file and wait behind the ones already waiting here, to land as they do.
    /// </summary>
    /// <returns>How many writes were taken over.</returns>
    public int TakeOverLeftOver()
    {
        IReadOnlyList<StateWrite> leftOver;
        lock (_gate)
        {
            leftOver = _spill.ReadLeftOver();
            _spill.Reset(leftOver);
            foreach (var write in leftOver)
            {
                Keep(write);
            }
        }

        if (leftOver.Count > 0)
        {
            LogTakenOver(leftOver.Count, _spill.FilePath);
        }

        return leftOver.Count;
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
            _spill.Waiting(write);
            Keep(write);
        }

        return true;
    }

    private void Keep(StateWrite write)
    {
        if (write.Key is { } key)
        {
            _waitingKeys.TryAdd(key, 0);
        }

        Interlocked.Increment(ref _pending);
        _waiting.Writer.TryWrite(write);
    }

    private Task<bool> ApplyAsync(StateWrite write, CancellationToken cancellationToken) =>
        _kinds.TryGetValue(write.Kind, out var kind)
            ? kind.ApplyAsync(write, cancellationToken)
            : throw new InvalidOperationException($"No state write kind '{write.Kind}' is registered.");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var write in _waiting.Reader.ReadAllAsync(stoppingToken))
            {
                await WriteAsync(write, stoppingToken);
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

            if (Interlocked.Decrement(ref _pending) == 0)
            {
                _spill.Clear();
            }
            else
            {
                _spill.Landed(write);
            }
        }
    }

    private void Dropped(StateWrite write)
    {
        Settled(write);
        if (Interlocked.Increment(ref _dropped) == 1)
        {
            LogFull(write.Kind);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A state write kept for later ({Kind}) failed and is dropped")]
    private partial void LogFailed(Exception exception, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Too many state writes wait for the store; from now on new ones are dropped (first: {Kind})")]
    private partial void LogFull(string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} state writes still waited for the store when the bot stopped; they are kept in {File} for the next start")]
    private partial void LogKeptAtStop(int count, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} state writes left waiting by a process that has gone are taken over; they wait here for the store (kept in {File})")]
    private partial void LogTakenOver(int count, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "State writes left waiting by an earlier run: {Applied} applied, {Waiting} wait for the store again (kept in {File})")]
    private partial void LogReplayed(int applied, int waiting, string file);
}
