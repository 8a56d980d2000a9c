using StoryBot.Core.Conversation;

namespace StoryBot.Core.Tests.Conversation;

public sealed class PendingWritesTests
{
    private readonly PendingWrites _writes = new();

    [Fact]
    public async Task WaitingEndsOnlyOnceEveryWriteTrackedSoFarHasEnded()
    {
        var first = new TaskCompletionSource();
        var second = new TaskCompletionSource();
        _writes.Track(first.Task);
        _writes.Track(second.Task);

        var waiting = _writes.WhenAllAsync(CancellationToken.None);
        first.SetResult();
        Assert.False(waiting.IsCompleted);
        second.SetResult();

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WithNothingUnderWayWaitingEndsAtOnce()
    {
        _writes.Track(Task.CompletedTask);
        var landed = new TaskCompletionSource();
        _writes.Track(landed.Task);
        landed.SetResult();

        Assert.True(_writes.WhenAllAsync(CancellationToken.None).IsCompletedSuccessfully);
        await _writes.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StoppingGivesUpOnceTheShutdownTimeoutHasPassed()
    {
        _writes.Track(new TaskCompletionSource().Task);
        using var shutdownTimeout = new CancellationTokenSource();

        var stopping = _writes.StopAsync(shutdownTimeout.Token);
        Assert.False(stopping.IsCompleted);
        await shutdownTimeout.CancelAsync();

        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
