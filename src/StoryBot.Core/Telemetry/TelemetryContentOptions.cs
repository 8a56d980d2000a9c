namespace StoryBot.Core.Telemetry;

/// <summary>What spans may carry beyond the request's shape; the host sets it from its telemetry settings.</summary>
public sealed class TelemetryContentOptions
{
    /// <summary>
    /// Whether the question's text (as typed, after cleaning) is attached to the <c>ask</c> span.
    /// Off by default: what people type stays out of traces unless the operator decides otherwise.
    /// </summary>
    public bool UserText { get; set; }
}
