using System.Diagnostics;

namespace StoryBot.Core.Telemetry;

/// <summary>
/// The request a piece of handed-off work belongs to: the span to continue its trace from and its
/// log scope. Captured where work is queued (a receive loop, an acknowledgement) and restored where
/// a worker runs it, since neither a queue nor a timer carries them across by itself.
/// </summary>
public sealed record RequestTrace(ActivityContext Parent, RequestScope? Scope)
{
    /// <summary>The request being handled here, or null when there is none (and nobody traces).</summary>
    public static RequestTrace? Current =>
        Activity.Current is null && RequestScope.Current is null ? null : new(Activity.Current?.Context ?? default, RequestScope.Current);
}
