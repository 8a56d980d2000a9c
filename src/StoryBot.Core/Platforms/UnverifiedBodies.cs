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

    /// <summary>Bodies up to this size come from the small pool.</summary>
    private const int SmallBodyBytes = 64 * 1024;

    private const int Kilobyte = 1024;

    /// <summary>Both platforms give up on an answer after three seconds: a body still arriving by then is of no use.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);

    // Budgets in kilobytes: at most 8 MB of small and 12 MB of large bodies are read at once.
    private readonly ConcurrencyLimiter _small = Pool(8 * 1024);
    private readonly ConcurrencyLimiter _large = Pool(12 * 1024);

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
    private static async Task<byte[]?> ReadUpToAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        // One buffer of the reserved size, filled in place: no growing copies of a large body.
        var buffer = new byte[limit];
        var length = 0;
        int read;
        while ((read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
            if (length == limit && await body.ReadAsync(new byte[1], cancellationToken) > 0)
            {
                return null;
            }
        }

        return length == limit ? buffer : buffer[..length];
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
