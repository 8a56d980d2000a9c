using Microsoft.Extensions.Time.Testing;

namespace StoryBot.Testing.Slack;

/// <summary>
/// Moves a fake clock forward in small steps while a test waits, so code that waits on the clock
/// (Retry-After, pacing) proceeds without the test sleeping; the fake clock then tells how long it waited.
/// </summary>
public sealed class ClockPump : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public ClockPump(FakeTimeProvider time, TimeSpan step)
    {
        _running = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                time.Advance(step);
                await Task.Delay(5).ConfigureAwait(false);
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _stop.Dispose();
    }
}
