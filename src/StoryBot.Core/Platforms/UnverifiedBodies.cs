using System.Buffers;
using System.Threading.RateLimiting;

namespace StoryBot.Core.Platforms;

/// <summary>
/// Reads request bodies before their signature can be checked, within a memory budget: a fresh
/// timestamp and a made-up signature cost an attacker nothing, so whatever such a body takes must be
/// bounded. Bodies are reserved by the size they announce, from one pool for the small ones the
/// platforms really send and another for the rare large ones, so a flood of large bodies cannot
/// starve the small; a body waits at most a second for room, and must arrive within the three
/// seconds both platforms give for an answer.
/// </summary>
public sealed class UnverifiedBodies(TimeProvider time) : IDisposable
{
    /// <summary>Discord's interactions and Slack's commands, events and button clicks are a few kilobytes; nothing from them comes near this.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>At most this much of bodies over <see cref="SmallBodyBytes"/> is read at once: room for four of the largest.</summary>
    public const int LargeBodiesBudget = 4 * MaxBodyBytes;

    /// <summary>At most this much of bodies up to <see cref="SmallBodyBytes"/> is read at once: well over a hundred real requests.</summary>
    public const int SmallBodiesBudget = 8 * MaxBodyBytes;

    /// <summary>Bodies up to this size come from the small pool.</summary>
    private const int SmallBodyBytes = 64 * 1024;

    private const int Kilobyte = 1024;

    /// <summary>Both platforms give up on an answer after three seconds: a body still arriving by then is of no use.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);

    private readonly ConcurrencyLimiter _small = Pool(SmallBodiesBudget / Kilobyte);
    private readonly ConcurrencyLimiter _large = Pool(LargeBodiesBudget / Kilobyte);

    // Read buffers are reused: a new megabyte for each made-up body is large-object garbage that
    // only a full collection gives back.
    private readonly ArrayPool<byte> _buffers = ArrayPool<byte>.Create(MaxBodyBytes, maxArraysPerBucket: LargeBodiesBudget / MaxBodyBytes);

    /// <param name="announced">The request's Content-Length, when it has one.</param>
    public async Task<BodyRead> ReadAsync(Stream body, long? announced, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (announced > MaxBodyBytes)
        {
            return BodyRead.Refused(BodyRefusal.TooLarge);
        }

        var reserved = (int)(announced ?? MaxBodyBytes);
        using var lease = await ReserveAsync(reserved, cancellationToken);
        if (lease is null)
        {
            return BodyRead.Refused(BodyRefusal.Busy);
        }

        using var deadline = new CancellationTokenSource(Deadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            var bytes = await ReadUpToAsync(body, reserved, linked.Token);
            return bytes is null ? BodyRead.Refused(BodyRefusal.TooLarge) : new BodyRead(bytes, null);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return BodyRead.Refused(BodyRefusal.TooSlow);
        }
    }

    public void Dispose()
    {
        _small.Dispose();
        _large.Dispose();
    }

    /// <returns>The reservation, or null when there was no room within <see cref="MaxWait"/>.</returns>
    private async Task<RateLimitLease?> ReserveAsync(int bytes, CancellationToken cancellationToken)
    {
        var pool = bytes <= SmallBodyBytes ? _small : _large;
        using var wait = new CancellationTokenSource(MaxWait, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(wait.Token, cancellationToken);
        RateLimitLease lease;
        try
        {
            lease = await pool.AcquireAsync(Math.Max(1, (bytes + Kilobyte - 1) / Kilobyte), linked.Token);
        }
        catch (OperationCanceledException) when (wait.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        return null;
    }

    /// <returns>The body, or null when it holds more than <paramref name="limit"/> bytes.</returns>
    private async Task<byte[]?> ReadUpToAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        // One buffer of the reserved size, filled in place: no growing copies of a large body.
        var buffer = _buffers.Rent(limit);
        try
        {
            var length = 0;
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(length, limit - length), cancellationToken)) > 0)
            {
                length += read;
                if (length == limit && await body.ReadAsync(new byte[1], cancellationToken) > 0)
                {
                    return null;
                }
            }

            return buffer[..length];
        }
        finally
        {
            _buffers.Return(buffer);
        }
    }

    private static ConcurrencyLimiter Pool(int kilobytes) => new(new ConcurrencyLimiterOptions
    {
        PermitLimit = kilobytes,
        QueueLimit = kilobytes,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });
}

/// <summary>Why a body was not read.</summary>
public enum BodyRefusal
{
    /// <summary>Over <see cref="UnverifiedBodies.MaxBodyBytes"/>, or more than it announced: 413.</summary>
    TooLarge,

    /// <summary>No room in the budget within a second: 503, try again.</summary>
    Busy,

    /// <summary>Not all there within <see cref="UnverifiedBodies.Deadline"/>: 408.</summary>
    TooSlow,
}

/// <summary>A body read in full, or why not.</summary>
public readonly record struct BodyRead(byte[]? Body, BodyRefusal? Refusal)
{
    public static BodyRead Refused(BodyRefusal refusal) => new(null, refusal);

    /// <summary>The HTTP status that tells the sender why.</summary>
    public int StatusCode => Refusal switch
    {
        BodyRefusal.TooLarge => 413,
        BodyRefusal.Busy => 503,
        BodyRefusal.TooSlow => 408,
        _ => 200,
    };
}
