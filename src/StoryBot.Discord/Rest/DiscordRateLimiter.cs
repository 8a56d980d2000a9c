using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using StoryBot.Core.Telemetry;
using StoryBot.Discord.Conversation;

namespace StoryBot.Discord.Rest;

/// <summary>
/// Waits before each request until its bucket (learned from <c>X-RateLimit-*</c> headers) and the
/// global limit allow it, so 429s stay the exception rather than the way limits are found.
/// Interaction callbacks and webhooks are left alone: they are exempt from the global limit and
/// Discord limits them per interaction token, so one interaction's limit must never hold up
/// another's 3-second answer (a 429 there is waited out by that call alone). A request that had
/// to wait is timed as a rate-limit wait.
/// </summary>
internal sealed class DiscordRateLimiter(TimeProvider time, StoryBotTelemetry? telemetry = null)
{
    /// <summary>How often a request waiting on an unknown or exhausted-without-reset bucket looks again.</summary>
    private static readonly TimeSpan UnknownPoll = TimeSpan.FromMilliseconds(50);

    /// <summary>How long the first request of an unknown bucket holds the others back at most.</summary>
    private static readonly TimeSpan ProbePatience = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, string> _bucketByTemplate = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private long _globalUntilTicks;

    public async Task WaitAsync(DiscordRoute route, CancellationToken cancellationToken)
    {
        var wait = TryTake(route);
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        var since = time.GetTimestamp();
        do
        {
            await Task.Delay(wait, time, cancellationToken);
        }
        while ((wait = TryTake(route)) > TimeSpan.Zero);

        telemetry?.RateLimitWaited(DiscordPlatform.Name, StoryBotTelemetry.RateLimitScopes.Bucket, time.GetElapsedTime(since));
    }

    /// <summary>
    /// Takes <paramref name="requests"/> of the route's bucket when it has room for them all (a
    /// whole window when more are asked than the bucket holds), so they can be sent later without
    /// waiting; otherwise takes nothing.
    /// </summary>
    /// <returns>Zero when taken; else how long until the bucket or the global limit may have room.</returns>
    public TimeSpan TryTake(DiscordRoute route, int requests = 1)
    {
        if (route.IsInteraction)
        {
            return TimeSpan.Zero;
        }

        var now = time.GetUtcNow();
        var globalUntil = new DateTimeOffset(Interlocked.Read(ref _globalUntilTicks), TimeSpan.Zero);
        if (globalUntil > now)
        {
            return globalUntil - now;
        }

        var bucket = BucketFor(route);
        lock (bucket)
        {
            if (now >= bucket.ResetAt && bucket.Limit > 0)
            {
                bucket.Remaining = bucket.Limit;
                bucket.ResetAt = DateTimeOffset.MaxValue;
            }

            if (bucket.Limit == 0)
            {
                // Unknown until a response tells it: one request goes first and the rest wait for
                // its headers, so a burst cannot run past a limit nobody has seen yet. A probe that
                // never gets an answer (a timeout, a dropped connection) stops holding the others after a while.
                if (now < bucket.ProbeUntil)
                {
                    return Min(UnknownPoll, bucket.ProbeUntil - now);
                }

                bucket.ProbeUntil = now + ProbePatience;
                return TimeSpan.Zero;
            }

            if (bucket.Remaining >= Math.Min(requests, bucket.Limit))
            {
                bucket.Remaining -= requests;
                return TimeSpan.Zero;
            }

            return bucket.ResetAt == DateTimeOffset.MaxValue ? UnknownPoll : bucket.ResetAt - now;
        }
    }

    /// <summary>Learns the bucket and its state from a response's headers.</summary>
    public void Update(DiscordRoute route, HttpResponseHeaders headers)
    {
        if (route.IsInteraction)
        {
            return;
        }

        if (Header(headers, "X-RateLimit-Bucket") is { } hash)
        {
            _bucketByTemplate[route.Template] = hash;
        }

        if (!TryNumber(headers, "X-RateLimit-Limit", out var limit)
            || !TryNumber(headers, "X-RateLimit-Remaining", out var remaining)
            || !TryNumber(headers, "X-RateLimit-Reset-After", out var resetAfter))
        {
            // An answer without a limit: the next request may go and learn it.
            var unknown = BucketFor(route);
            lock (unknown)
            {
                unknown.ProbeUntil = DateTimeOffset.MinValue;
            }

            return;
        }

        var bucket = BucketFor(route);
        lock (bucket)
        {
            // Within a window Discord's count only falls; ours runs ahead of it by the requests
            // taken and not yet answered, and a response must not hand those back.
            bucket.Remaining = bucket.Limit == 0 ? (int)remaining : Math.Min(bucket.Remaining, (int)remaining);
            bucket.Limit = (int)limit;
            bucket.ResetAt = time.GetUtcNow() + TimeSpan.FromSeconds(resetAfter);
        }
    }

    /// <summary>
    /// A 429: nothing on this bucket (or anywhere, when global) until <paramref name="retryAfter"/>
    /// passed. Returns how long the caller must wait itself before retrying: zero when the wait
    /// is kept here, the whole <paramref name="retryAfter"/> for interaction routes.
    /// </summary>
    public TimeSpan OnRateLimited(DiscordRoute route, TimeSpan retryAfter, bool global)
    {
        if (route.IsInteraction)
        {
            return retryAfter;
        }

        var until = time.GetUtcNow() + retryAfter;
        if (global)
        {
            long current;
            do
            {
                current = Interlocked.Read(ref _globalUntilTicks);
                if (current >= until.UtcTicks)
                {
                    return TimeSpan.Zero;
                }
            }
            while (Interlocked.CompareExchange(ref _globalUntilTicks, until.UtcTicks, current) != current);
            return TimeSpan.Zero;
        }

        var bucket = BucketFor(route);
        lock (bucket)
        {
            bucket.Remaining = 0;
            bucket.Limit = Math.Max(bucket.Limit, 1);
            bucket.ResetAt = until;
        }

        return TimeSpan.Zero;
    }

    private Bucket BucketFor(DiscordRoute route)
    {
        var id = _bucketByTemplate.TryGetValue(route.Template, out var hash) ? hash : route.Template;
        return _buckets.GetOrAdd($"{id}|{route.MajorParameter}", _ => new Bucket());
    }

    internal static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static bool TryNumber(HttpResponseHeaders headers, string name, out double value)
    {
        value = 0;
        return Header(headers, name) is { } text
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private sealed class Bucket
    {
        /// <summary>0 while unknown: one request at a time goes until the first response tells the limit.</summary>
        public int Limit { get; set; }

        /// <summary>While unknown, until when the request sent to learn the limit holds the others back.</summary>
        public DateTimeOffset ProbeUntil { get; set; } = DateTimeOffset.MinValue;

        public int Remaining { get; set; } = 1;

        public DateTimeOffset ResetAt { get; set; } = DateTimeOffset.MaxValue;
    }
}
