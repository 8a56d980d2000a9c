using System.Net;
using System.Reflection;

namespace StoryBot.State.Corrections;

/// <summary>
/// Tells a failure worth retrying (the platform is down, rate-limited, or unreachable) from one
/// that will never succeed (the message is gone, the bot may not edit it).
/// </summary>
internal static class CorrectionFailures
{
    /// <summary>Slack error codes that say "try again later"; any other Slack error code is final.</summary>
    private static readonly HashSet<string> TransientPlatformErrors = new(StringComparer.OrdinalIgnoreCase)
    {
        "ratelimited", "rate_limited", "fatal_error", "internal_error", "service_unavailable", "request_timeout", "unknown",
    };

    public static bool IsPermanent(Exception exception) => exception switch
    {
        HttpRequestException { StatusCode: { } status } => IsPermanent(status),
        HttpRequestException or TimeoutException or IOException or OperationCanceledException => false,
        NotSupportedException or InvalidOperationException or ArgumentException or KeyNotFoundException or UnauthorizedAccessException => true,
        _ => IsPermanentPlatformError(exception),
    };

    /// <summary>A short description for the record; adapters keep tokens out of their messages.</summary>
    public static string Describe(Exception exception)
    {
        var text = $"{exception.GetType().Name}: {exception.Message}";
        return text.Length <= 500 ? text : text[..500];
    }

    private static bool IsPermanent(HttpStatusCode status) =>
        (int)status is >= 400 and < 500 && status is not (HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout or HttpStatusCode.Conflict);

    /// <summary>
    /// The adapters' own exception types are out of sight here (State does not reference them);
    /// they expose what failed as a <c>Status</c> (HTTP status, Discord) or an <c>Error</c> code
    /// (<c>message_not_found</c>, <c>ratelimited</c>, <c>http_503</c>: Slack). Unknown shapes count
    /// as transient: retried, and after the last attempt corrected by a new post instead.
    /// </summary>
    private static bool IsPermanentPlatformError(Exception exception)
    {
        var type = exception.GetType();
        if (type.GetProperty("Status", BindingFlags.Public | BindingFlags.Instance)?.GetValue(exception) is HttpStatusCode status)
        {
            return IsPermanent(status);
        }

        if (type.GetProperty("Error", BindingFlags.Public | BindingFlags.Instance)?.GetValue(exception) is string { Length: > 0 } error)
        {
            if (error.StartsWith("http_", StringComparison.OrdinalIgnoreCase))
            {
                return int.TryParse(error.AsSpan(5), out var code) && IsPermanent((HttpStatusCode)code);
            }

            return !TransientPlatformErrors.Contains(error);
        }

        return false;
    }
}
