using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StoryBot.Core.Conversation;

namespace StoryBot.Core.Telemetry;

/// <summary>
/// A platform request being taken in by its adapter: the <c>receive</c> span that roots the
/// question's trace, the request's log scope, and the acknowledgement latency once the platform
/// has its acknowledgement. Disposed where the adapter's handling of the request ends; work it
/// hands off continues the trace (<see cref="RequestTrace"/>).
/// </summary>
public sealed class ReceivedRequest : IDisposable
{
    private readonly StoryBotTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly long _receivedAt;
    private readonly Activity? _activity;
    private readonly IDisposable? _logScope;
    private readonly RequestScope? _outerScope;
    private readonly RequestScope _scope;
    private int _acknowledged;

    /// <param name="receivedAt">When the request arrived, a <see cref="TimeProvider"/> timestamp: the span and the acknowledgement count from then.</param>
    /// <param name="requestKind">What arrived: <c>message</c>, <c>interaction</c>, <c>command</c>, <c>event</c>, <c>action</c>, <c>line</c>.</param>
    /// <param name="requestId">The platform's id of the request (never a user's), for the log scope only.</param>
    public ReceivedRequest(
        StoryBotTelemetry telemetry, ILogger logger, TimeProvider time, long receivedAt, string platform, string requestKind, string? requestId, ActivityKind kind = ActivityKind.Server)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(time);
        _telemetry = telemetry;
        _time = time;
        _receivedAt = receivedAt;
        _scope = new RequestScope(platform, requestKind, requestId);
        _activity = StoryBotTelemetry.Start(StoryBotTelemetry.Spans.Receive, kind);
        if (_activity is not null)
        {
            // Started once the request was read (and verified); it began when it arrived.
            _activity.SetStartTime(_activity.StartTimeUtc - time.GetElapsedTime(receivedAt));
            _activity.SetTag(StoryBotTelemetry.Tags.Platform, platform);
            _activity.SetTag(StoryBotTelemetry.Tags.RequestKind, requestKind);
        }

        _logScope = logger.BeginScope(_scope);
        _outerScope = RequestScope.Current;
        RequestScope.Current = _scope;
    }

    /// <summary>Notes where the request was written, once the adapter knows.</summary>
    public void WrittenIn(ChannelKind channelKind) =>
        _activity?.SetTag(StoryBotTelemetry.Tags.ChannelKind, StoryBotTelemetry.ChannelKindTag(channelKind));

    /// <summary>The platform has its acknowledgement (the HTTP response, the ack frame, the interaction callback); counted once.</summary>
    public void Acknowledged()
    {
        if (Interlocked.Exchange(ref _acknowledged, 1) == 1)
        {
            return;
        }

        _telemetry.Acknowledged(_scope.Platform, _scope.RequestKind, _time.GetElapsedTime(_receivedAt));
        _activity?.AddEvent(new ActivityEvent("acknowledged"));
    }

    public void Dispose()
    {
        RequestScope.Current = _outerScope;
        _logScope?.Dispose();
        _activity?.Dispose();
    }
}
