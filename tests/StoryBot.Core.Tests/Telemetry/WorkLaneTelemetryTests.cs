using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using StoryBot.Core.Conversation;
using StoryBot.Core.Telemetry;
using StoryBot.Testing.Telemetry;

namespace StoryBot.Core.Tests.Telemetry;

/// <summary>What a work lane shows: its depth in the queue-depth gauge, and its items in the trace of the request that queued them.</summary>
public sealed class WorkLaneTelemetryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task TheGaugeShowsWhatRunsAndWhatIsQueuedPerLane()
    {
        using var meters = new TestMeterFactory();
        using var telemetry = meters.Telemetry();
        var lane = new TestLane(telemetry);
        using var depth = new MetricCollector<int>(meters, StoryBotTelemetry.Name, StoryBotTelemetry.Instruments.QueueDepth);
        await lane.StartAsync(CancellationToken.None);
        var running = new TaskCompletionSource();
        var gate = new TaskCompletionSource();

        lane.TryEnqueue("first", async _ =>
        {
            running.SetResult();
            await gate.Task;
        });
        lane.TryEnqueue("second", _ => Task.CompletedTask);
        lane.TryEnqueue("third", _ => Task.CompletedTask);
        await running.Task.WaitAsync(Patience);
        depth.RecordObservableInstruments();

        var measured = depth.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags[StoryBotTelemetry.Tags.WorkState]!, m => m.Value);
        Assert.Equal(1, measured[StoryBotTelemetry.WorkStates.Running]);
        Assert.Equal(2, measured[StoryBotTelemetry.WorkStates.Queued]);
        Assert.Equal(0, measured[StoryBotTelemetry.WorkStates.WaitingForTurn]);
        Assert.All(depth.GetMeasurementSnapshot(), m => Assert.Equal("test", m.Tags[StoryBotTelemetry.Tags.Platform]));
        gate.SetResult();
        await lane.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task QueuedWorkContinuesTheTraceAndLogScopeOfTheRequestThatQueuedIt()
    {
        using var meters = new TestMeterFactory();
        using var telemetry = meters.Telemetry();
        var lane = new TestLane(telemetry);
        await lane.StartAsync(CancellationToken.None);
        using var trace = new TraceCollector();
        var seen = new TaskCompletionSource<(ActivityTraceId Trace, RequestScope? Scope)>();

        using (var received = new ReceivedRequest(telemetry, NullLogger.Instance, TimeProvider.System, TimeProvider.System.GetTimestamp(), "test", "event", "Ev123"))
        {
            lane.TryEnqueue("answer", _ =>
            {
                seen.SetResult((Activity.Current!.TraceId, RequestScope.Current));
                return Task.CompletedTask;
            });
        }

        var (traceId, scope) = await seen.Task.WaitAsync(Patience);
        await lane.StopAsync(CancellationToken.None);

        Assert.Equal(trace.Root.TraceId, traceId);
        Assert.Equal("Ev123", scope?.RequestId);
        var work = Assert.Single(trace.Named(StoryBotTelemetry.Spans.Work));
        Assert.Equal(Assert.Single(trace.Named(StoryBotTelemetry.Spans.Receive)).SpanId, work.ParentSpanId);
        Assert.Equal("answer", work.GetTagItem(StoryBotTelemetry.Tags.Work));
        Assert.Null(RequestScope.Current);
    }

    private sealed class TestLane(StoryBotTelemetry telemetry) : WorkLane("test lane", 1, NullLogger.Instance, telemetry, "test");
}
