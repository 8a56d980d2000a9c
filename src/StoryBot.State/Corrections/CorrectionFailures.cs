using System.Net;

namespace StoryBot.State.Corrections;

/// <summary>
/// Tells a failure worth retrying (the platform is down, rate-limited, or unreachable) from one
/// that will never succeed (the message is gone, the bot may not edit it).
/// </summary>
internal static class CorrectionFailures
{
    public static bool IsPermanent(Exception exception) => exception switch
    {
        HttpRequestException { StatusCode: { } status } => IsPermanent(status),
        HttpRequestException => false,
        NotSupportedException or InvalidOperationException or ArgumentException or KeyNotFoundException or UnauthorizedAccessException => true,
        _ => false,
    };

    private static bool IsPermanent(HttpStatusCode status) =>
        (int)status is >= 400 and < 500 && status is not (HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout or HttpStatusCode.Conflict);

    /// <summary>A short description for the record; adapters keep tokens out of their messages.</summary>
    public static string Describe(Exception exception)
    {
        var text = $"{exception.GetType().Name}: {exception.Message}";
        return text.Length <= 500 ? text : text[..500];
    }
}
