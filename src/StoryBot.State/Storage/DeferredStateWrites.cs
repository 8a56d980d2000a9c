using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StoryBot.State.Storage;

/// <summary>
/// State writes that must not hold up answering: each runs at once while the store is reachable,
/// and is otherwise kept in memory and retried in order, with <see cref="StateWriteRetry"/>, until
/// the store is back. At most <see cref="StorageOptions.MaxDeferredWrites"/> wait; they are lost
/// if the process stops first (the count is logged). A write may stand for a key (a journaled
/// request): while it waits, the key is known here, so the key counts as seen before the store has it.
/// </summary>
public sealed partial class DeferredStateWrites : BackgroundService
{
    private readonly Channel<DeferredWrite> _waiting;
    private readonly StoreReachability _reachability;
    private readonly StateWriteRetry _retry;
    private readonly ILogger<DeferredStateWrites> _logger;
    private readonly ConcurrentDictionary<string, byte> _waitingKeys = new(StringComparer.Ordinal);
    private int _pending;
    private long _dropped;

    public DeferredStateWrites(StoreReachability reachability, StateWriteRetry retry, IOptions<StorageOptions> options, ILogger<DeferredStateWrites> logger)
    {
        _reachability = reachability;
        _retry = retry;
        _logger = logger;
        _waiting = Channel.CreateBounded<DeferredWrite>(
            new BoundedChannelOptions(options.Value.MaxDeferredWrites) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            Dropped);
    }

    /// <summary>Writes waiting for the store.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>
    /// Runs <paramref name="write"/> now, or keeps it for later when the store is unreachable or
    /// earlier writes still wait (so that writes land in the order they were made). Failures other
    /// than an unreachable store reach the caller as before.
    /// </summary>
    public Task RunAsync(string what, Func<CancellationToken, Task> write, CancellationToken cancellationToken) =>
        RunAsync(what, key: null, write, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(string, Func{CancellationToken, Task}, CancellationToken)"/>, for the
    /// first write of <paramref name="key"/>: while it waits, <paramref name="key"/> is seen.
    /// </summary>
    /// <returns>False, with nothing run or kept, when a write of <paramref name="key"/> already waits.</returns>
    public Task<bool> RunOnceAsync(string what, string key, Func<CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return RunAsync(what, key, write, cancellationToken);
    }

    private async Task<bool> RunAsync(string what, string? key, Func<CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (key is not null && _waitingKeys.ContainsKey(key))
        {
            return false;
        }

        if (_reachability.IsReachable && Pending == 0)
        {
            try
            {
                await write(cancellationToken);
                return true;
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

        Interlocked.Increment(ref _pending);
        _waiting.Writer.TryWrite(new DeferredWrite(what, key, write));
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var deferred in _waiting.Reader.ReadAllAsync(stoppingToken))
            {
                await WriteAsync(deferred, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            if (Pending > 0)
            {
                LogLostAtStop(Pending);
            }
        }
    }

    private async Task WriteAsync(DeferredWrite deferred, CancellationToken stoppingToken)
    {
        try
        {
            await _retry.Pipeline.ExecuteAsync(async token => await deferred.Write(token), stoppingToken);
            Settled(deferred);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A write the store refuses for good (not an outage) would otherwise block every later one.
            Settled(deferred);
            LogFailed(exception, deferred.What);
        }
    }

    /// <summary>Its key is let go only now: once the write has landed, the store knows the key itself.</summary>
    private void Settled(DeferredWrite deferred)
    {
        if (deferred.Key is { } key)
        {
            _waitingKeys.TryRemove(key, out _);
        }

        Interlocked.Decrement(ref _pending);
    }

    private void Dropped(DeferredWrite deferred)
    {
        Settled(deferred);
        if (Interlocked.Increment(ref _dropped) == 1)
        {
            LogFull(deferred.What);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A state write kept for later ({What}) failed and is dropped")]
    private partial void LogFailed(Exception exception, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Too many state writes wait for the store; from now on new ones are dropped (first: {What})")]
    private partial void LogFull(string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} state writes still waited for the store when the bot stopped; they are lost")]
    private partial void LogLostAtStop(int count);

    private sealed record DeferredWrite(string What, string? Key, Func<CancellationToken, Task> Write);
}
