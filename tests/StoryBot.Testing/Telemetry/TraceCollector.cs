using System.Collections.Concurrent;
using System.Diagnostics;

namespace StoryBot.Testing.Telemetry;

/// <summary>
/// Listens to every activity source, but samples only the trace this collector starts
/// (<see cref="Root"/>), so spans of tests running beside it are neither created nor collected.
/// What runs under the root, in this process or across a loopback HTTP call, lands in <see cref="Spans"/>.
/// </summary>
public sealed class TraceCollector : IDisposable
{
    private static readonly ActivitySource TestSource = new("StoryBot.Tests");
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Activity>> _awaited = new(StringComparer.Ordinal);

    public TraceCollector()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Source == TestSource || (Root is { } root && options.Parent.TraceId == root.TraceId)
                    ? ActivitySamplingResult.AllDataAndRecorded
                    : ActivitySamplingResult.None,
            ActivityStopped = Stopped,
        };
        ActivitySource.AddActivityListener(_listener);
        Root = TestSource.StartActivity("test")!;
    }

    /// <summary>The test's own span: what the test does while it is current belongs to the trace.</summary>
    public Activity Root { get; }

    /// <summary>The spans of the trace that have ended, in the order they ended.</summary>
    public IReadOnlyList<Activity> Spans => [.. _stopped.Where(a => a != Root)];

    /// <summary>Completes when a span of the trace named <paramref name="name"/> has ended.</summary>
    public Task<Activity> EndedAsync(string name) =>
        _awaited.GetOrAdd(name, _ => new TaskCompletionSource<Activity>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>The ended spans named <paramref name="name"/>.</summary>
    public IReadOnlyList<Activity> Named(string name) => [.. Spans.Where(s => s.OperationName == name)];

    public void Dispose()
    {
        Root.Dispose();
        _listener.Dispose();
    }

    private void Stopped(Activity activity)
    {
        if (activity.TraceId != Root.TraceId)
        {
            return;
        }

        _stopped.Enqueue(activity);
        _awaited.GetOrAdd(activity.OperationName, _ => new TaskCompletionSource<Activity>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(activity);
    }
}
