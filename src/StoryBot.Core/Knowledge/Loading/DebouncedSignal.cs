namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// Runs an action once things have been quiet for a while: every <see cref="Poke"/> restarts the wait.
/// Saving a pack touches several files (and editors write temporary files), so one reload follows a burst.
/// </summary>
internal sealed class DebouncedSignal : IDisposable
{
    private readonly ITimer _timer;
    private readonly TimeSpan _quietPeriod;

    public DebouncedSignal(TimeProvider time, TimeSpan quietPeriod, Action action)
    {
        _quietPeriod = quietPeriod;
        _timer = time.CreateTimer(_ => action(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Poke() => _timer.Change(_quietPeriod, Timeout.InfiniteTimeSpan);

    public void Dispose() => _timer.Dispose();
}
