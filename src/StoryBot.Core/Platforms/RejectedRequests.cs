using Microsoft.Extensions.Logging;

namespace StoryBot.Core.Platforms;

/// <summary>
/// Logs requests refused for a missing, wrong or stale signature at most once a minute, with how
/// many were refused since the last line: anyone can send unsigned requests, and one warning each
/// would let them flood the log.
/// </summary>
public sealed partial class RejectedRequests(TimeProvider time, ILogger<RejectedRequests> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private DateTimeOffset? _lastLine;
    private long _unlogged;

    public void Note(string platform, string path)
    {
        long earlier;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_lastLine is { } last && now - last < Interval)
            {
                _unlogged++;
                return;
            }

            earlier = _unlogged;
            _unlogged = 0;
            _lastLine = now;
        }

        LogRejected(platform, path, earlier);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a request to {Path}: missing, wrong or stale {Platform} signature ({Earlier} more refused since the last such line)")]
    private partial void LogRejected(string platform, string path, long earlier);
}
