using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StoryBot.Core.Conversation;

namespace StoryBot.Core.Tests.Conversation;

public sealed class ChannelTurnsTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly TestLane _lane = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Channel<string> _ran = Channel.CreateUnbounded<string>();
    private readonly Dictionary<string, DateTimeOffset> _nextFree = [];

    public Task InitializeAsync() => _lane.StartAsync(CancellationToken.None);

    public Task DisposeAsync() => _lane.StopAsync(CancellationToken.None);

    public void Dispose()
    {
        _stopping.Dispose();
        _lane.Dispose();
    }

    [Fact]
    public async Task ALongLineInOneChannelNeverHoldsTheOnlyWorkerFromAnotherChannel()
    {
        var turns = new ChannelTurns(_lane, _time, NullLogger.Instance, _stopping.Token);

        Enqueue(turns, "busy", "busy 1");
        Enqueue(turns, "busy", "busy 2");
        Enqueue(turns, "busy", "busy 3");
        Enqueue(turns, "quiet", "quiet 1");

        Assert.Equal(["busy 1", "quiet 1"], [await NextAsync(), await NextAsync()]);
        Assert.False(_ran.Reader.TryRead(out _));
    }

    [Fact]
    public async Task ALineTakesItsTurnsInTheOrderItWasHandedIn()
    {
        var turns = new ChannelTurns(_lane, _time, NullLogger.Instance, _stopping.Token);
        for (var i = 1; i <= 4; i++)
        {
            Enqueue(turns, "busy", $"busy {i}");
        }

        var ran = new List<string> { await NextAsync() };
        for (var i = 2; i <= 4; i++)
        {
            _time.Advance(Interval);
            ran.Add(await NextAsync());
        }

        Assert.Equal(["busy 1", "busy 2", "busy 3", "busy 4"], ran);
    }

    [Fact]
    public async Task WorkStillInLineWhenTheHostStopsIsNeverRun()
    {
        var turns = new ChannelTurns(_lane, _time, NullLogger.Instance, _stopping.Token);
        Enqueue(turns, "busy", "busy 1");
        Enqueue(turns, "busy", "busy 2");
        Assert.Equal("busy 1", await NextAsync());

        await _stopping.CancelAsync();
        _time.Advance(Interval * 5);

        await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        Assert.False(_ran.Reader.TryRead(out var late), $"{late} ran after the host stopped");
    }

    [Fact]
    public async Task APostItsCallerAwaitsWaitsInTheLineOffTheOnlyWorkerAndHandsBackItsResult()
    {
        var turns = new ChannelTurns(_lane, _time, NullLogger.Instance, _stopping.Token);
        Enqueue(turns, "busy", "busy 1");
        var summary = turns.RunInTurnAsync("busy", "summary", () => TakeTurn("busy"), _ => Task.FromResult("posted"), CancellationToken.None);
        Enqueue(turns, "quiet", "quiet 1");

        Assert.Equal(["busy 1", "quiet 1"], [await NextAsync(), await NextAsync()]);
        Assert.False(summary.IsCompleted);

        _time.Advance(Interval);
        Assert.Equal("posted", await summary.WaitAsync(Patience));
    }

    [Fact]
    public async Task APostWhoseCallerGaveUpBeforeItsTurnIsNotMade()
    {
        var turns = new ChannelTurns(_lane, _time, NullLogger.Instance, _stopping.Token);
        using var caller = new CancellationTokenSource();
        Enqueue(turns, "busy", "busy 1");
        var made = false;
        var correction = turns.RunInTurnAsync("busy", "correction", () => TakeTurn("busy"), _ => Task.FromResult(made = true), caller.Token);
        Assert.Equal("busy 1", await NextAsync());

        await caller.CancelAsync();
        _time.Advance(Interval);
        Enqueue(turns, "busy", "busy 2");
        _time.Advance(Interval);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => correction);
        Assert.Equal("busy 2", await NextAsync());
        Assert.False(made);
    }

    [Fact]
    public async Task APostStillInLineWhenTheHostStopsIsCancelledForItsCaller()
    {
        var turns = new ChannelTurns(_lane, _time, NullLogger.Instance, _stopping.Token);
        Enqueue(turns, "busy", "busy 1");
        var summary = turns.RunInTurnAsync("busy", "summary", () => TakeTurn("busy"), _ => Task.FromResult("posted"), CancellationToken.None);
        Assert.Equal("busy 1", await NextAsync());

        await _stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => summary.WaitAsync(Patience));
    }

    /// <summary>Queues work whose turn comes once a second per channel, as Slack paces a channel.</summary>
    private void Enqueue(ChannelTurns turns, string channel, string name) =>
        turns.Enqueue(channel, name, () => TakeTurn(channel), _ =>
        {
            _ran.Writer.TryWrite(name);
            return Task.CompletedTask;
        });

    private TimeSpan TakeTurn(string channel)
    {
        lock (_nextFree)
        {
            var now = _time.GetUtcNow();
            if (_nextFree.TryGetValue(channel, out var free) && free > now)
            {
                return free - now;
            }

            _nextFree[channel] = now + Interval;
            return TimeSpan.Zero;
        }
    }

    private async Task<string> NextAsync() => await _ran.Reader.ReadAsync().AsTask().WaitAsync(Patience);

    /// <summary>One worker: anything waiting in it would hold up everything else.</summary>
    private sealed class TestLane() : WorkLane("test", 1, NullLogger.Instance);
}
