using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using StoryBot.Core.Conversation;

namespace StoryBot.Core.Tests.Conversation;

public sealed class WorkLaneTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task NoMoreThanMaxParallelItemsRunAtOnceAndTheNextStartsWhenOneEnds()
    {
        var lane = new TestLane(maxParallel: 2);
        await lane.StartAsync(CancellationToken.None);
        var started = Channel.CreateUnbounded<int>();
        var gates = Enumerable.Range(0, 3).Select(_ => new TaskCompletionSource()).ToArray();
        for (var i = 0; i < 3; i++)
        {
            var number = i;
            Assert.True(lane.TryEnqueue("item", async _ =>
            {
                started.Writer.TryWrite(number);
                await gates[number].Task;
            }));
        }

        var first = await started.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        var second = await started.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        Assert.False(started.Reader.TryRead(out _));

        gates[first].SetResult();
        var third = await started.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        Assert.Equal([0, 1, 2], new[] { first, second, third }.Order());
        gates[second].SetResult();
        gates[third].SetResult();
        await lane.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AFailingItemIsLoggedAndTheLaneCarriesOn()
    {
        var lane = new TestLane(maxParallel: 1);
        await lane.StartAsync(CancellationToken.None);
        var ran = new TaskCompletionSource();

        lane.TryEnqueue("broken", _ => throw new InvalidOperationException("boom"));
        lane.TryEnqueue("fine", _ =>
        {
            ran.SetResult();
            return Task.CompletedTask;
        });

        await ran.Task.WaitAsync(Patience);
        await lane.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StoppingWaitsForRunningItemsAndRefusesNewOnes()
    {
        var lane = new TestLane(maxParallel: int.MaxValue);
        await lane.StartAsync(CancellationToken.None);
        var started = new TaskCompletionSource();
        var gate = new TaskCompletionSource();
        var finished = false;
        lane.TryEnqueue("slow", async _ =>
        {
            started.SetResult();
            await gate.Task;
            finished = true;
        });
        await started.Task.WaitAsync(Patience);

        var stopping = lane.StopAsync(CancellationToken.None);
        var refused = !lane.TryEnqueue("late", _ => Task.CompletedTask);
        Assert.False(stopping.IsCompleted);
        gate.SetResult();
        await stopping.WaitAsync(Patience);

        Assert.True(refused);
        Assert.True(finished);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(int.MaxValue)]
    public async Task StoppingFinishesWhatWasQueuedBeforeTheStopWithItsTokenStillLive(int maxParallel)
    {
        var lane = new TestLane(maxParallel);
        await lane.StartAsync(CancellationToken.None);
        var gate = new TaskCompletionSource();
        var cancelledSeen = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            lane.TryEnqueue("queued", async token =>
            {
                await gate.Task;
                lock (cancelledSeen)
                {
                    cancelledSeen.Add(token.IsCancellationRequested);
                }
            });
        }

        var stopping = lane.StopAsync(CancellationToken.None);
        Assert.False(stopping.IsCompleted);
        gate.SetResult();
        await stopping.WaitAsync(Patience);

        Assert.Equal([false, false, false], cancelledSeen);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(int.MaxValue)]
    public async Task WorkStillRunningWhenTheShutdownTimeoutPassesIsCancelled(int maxParallel)
    {
        var lane = new TestLane(maxParallel);
        await lane.StartAsync(CancellationToken.None);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lane.TryEnqueue("stuck", async token =>
        {
            token.Register(() => cancelled.TrySetResult());
            started.SetResult();
            await Task.Delay(Timeout.Infinite, token);
        });
        await started.Task.WaitAsync(Patience);
        using var shutdownTimeout = new CancellationTokenSource();

        var stopping = lane.StopAsync(shutdownTimeout.Token);
        Assert.False(stopping.IsCompleted);
        await shutdownTimeout.CancelAsync();
        await stopping.WaitAsync(Patience);

        // The host stops waiting at its timeout; the item sees its cancellation then, not necessarily before StopAsync returns.
        await cancelled.Task.WaitAsync(Patience);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(int.MaxValue)]
    public async Task WorkStartedBesideTheQueueRunsAtOnceEvenWhenEveryWorkerIsBusy(int maxParallel)
    {
        var lane = new TestLane(maxParallel);
        await lane.StartAsync(CancellationToken.None);
        var gate = new TaskCompletionSource();
        lane.TryEnqueue("busy", _ => gate.Task);
        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Assert.True(lane.TryStart("urgent", _ =>
        {
            ran.SetResult();
            return Task.CompletedTask;
        }));

        await ran.Task.WaitAsync(Patience);
        gate.SetResult();
        await lane.StopAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(int.MaxValue)]
    public async Task StoppingWaitsForWorkStartedBesideTheQueueAndRefusesMore(int maxParallel)
    {
        var lane = new TestLane(maxParallel);
        await lane.StartAsync(CancellationToken.None);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource();
        var sawCancellation = true;
        lane.TryStart("slow", async token =>
        {
            started.SetResult();
            await gate.Task;
            sawCancellation = token.IsCancellationRequested;
        });
        await started.Task.WaitAsync(Patience);

        var stopping = lane.StopAsync(CancellationToken.None);
        var refused = !lane.TryStart("late", _ => Task.CompletedTask);
        Assert.False(stopping.IsCompleted);
        gate.SetResult();
        await stopping.WaitAsync(Patience);

        Assert.True(refused);
        Assert.False(sawCancellation);
    }

    private sealed class TestLane(int maxParallel) : WorkLane("test", maxParallel, NullLogger.Instance);
}
