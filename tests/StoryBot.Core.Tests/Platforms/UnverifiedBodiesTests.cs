using System.IO.Pipelines;
using Microsoft.Extensions.Time.Testing;
using StoryBot.Core.Platforms;

namespace StoryBot.Core.Tests.Platforms;

public sealed class UnverifiedBodiesTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly UnverifiedBodies _bodies;
    private readonly List<Pipe> _pipes = [];

    public UnverifiedBodiesTests() => _bodies = new UnverifiedBodies(_time);

    public void Dispose()
    {
        _pipes.ForEach(p => p.Writer.Complete());
        _bodies.Dispose();
    }

    [Fact]
    public async Task ABodyThatArrivesInFullIsReadAsSent()
    {
        var sent = "token=x&command=%2Fwho-is"u8.ToArray();

        var read = await _bodies.ReadAsync(new MemoryStream(sent), sent.Length, CancellationToken.None);

        Assert.Equal(sent, read.Body);
        Assert.Null(read.Refusal);
    }

    [Fact]
    public async Task ABodyWithoutALengthIsReadToItsEnd()
    {
        var sent = new byte[100_000];

        var read = await _bodies.ReadAsync(new MemoryStream(sent), announced: null, CancellationToken.None);

        Assert.Equal(sent.Length, read.Body!.Length);
    }

    [Fact]
    public async Task ABodyAnnouncedOverAMegabyteIsRefusedUnread()
    {
        var read = await _bodies.ReadAsync(Stream.Null, UnverifiedBodies.MaxBodyBytes + 1L, CancellationToken.None);

        Assert.Equal(BodyRefusal.TooLarge, read.Refusal);
        Assert.Equal(413, read.StatusCode);
    }

    [Fact]
    public async Task ABodyLongerThanItAnnouncedIsRefused()
    {
        var read = await _bodies.ReadAsync(new MemoryStream(new byte[2_000]), 1_000, CancellationToken.None);

        Assert.Equal(BodyRefusal.TooLarge, read.Refusal);
    }

    [Fact]
    public async Task ABodyStillArrivingAfterThreeSecondsIsRefusedAsTooSlow()
    {
        var reading = _bodies.ReadAsync(StalledBody(), 10_000, CancellationToken.None);

        _time.Advance(UnverifiedBodies.Deadline);
        var read = await reading.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(BodyRefusal.TooSlow, read.Refusal);
        Assert.Equal(408, read.StatusCode);
    }

    [Fact]
    public async Task LargeBodiesBeyondTheBudgetAreTurnedAwayWhileSmallOnesStillGetIn()
    {
        var stalled = Enumerable.Range(0, LargestThatFit).Select(_ => _bodies.ReadAsync(StalledBody(), UnverifiedBodies.MaxBodyBytes, CancellationToken.None)).ToList();
        var turnedAway = _bodies.ReadAsync(StalledBody(), UnverifiedBodies.MaxBodyBytes, CancellationToken.None);

        var small = await _bodies.ReadAsync(new MemoryStream(new byte[2_000]), 2_000, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        var refused = await turnedAway.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2_000, small.Body!.Length);
        Assert.Equal(BodyRefusal.Busy, refused.Refusal);
        Assert.Equal(503, refused.StatusCode);
        Assert.All(stalled, s => Assert.False(s.IsCompleted));
    }

    [Fact]
    public async Task RoomFreedByAFinishedBodyIsGivenToTheNextWaiting()
    {
        var first = StalledPipe();
        var filling = Enumerable.Range(0, LargestThatFit - 1).Select(_ => _bodies.ReadAsync(StalledBody(), UnverifiedBodies.MaxBodyBytes, CancellationToken.None)).ToList();
        var firstRead = _bodies.ReadAsync(first.Reader.AsStream(), UnverifiedBodies.MaxBodyBytes, CancellationToken.None);
        var waiting = _bodies.ReadAsync(new MemoryStream(new byte[UnverifiedBodies.MaxBodyBytes]), UnverifiedBodies.MaxBodyBytes, CancellationToken.None);

        await first.Writer.WriteAsync(new byte[UnverifiedBodies.MaxBodyBytes]);
        await first.Writer.CompleteAsync();
        await firstRead.WaitAsync(TimeSpan.FromSeconds(10));
        var read = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(UnverifiedBodies.MaxBodyBytes, read.Body!.Length);
        Assert.All(filling, s => Assert.False(s.IsCompleted));
    }

    private const int LargestThatFit = UnverifiedBodies.LargeBodiesBudget / UnverifiedBodies.MaxBodyBytes;

    private Stream StalledBody() => StalledPipe().Reader.AsStream();

    private Pipe StalledPipe()
    {
        var pipe = new Pipe();
        _pipes.Add(pipe);
        return pipe;
    }
}
