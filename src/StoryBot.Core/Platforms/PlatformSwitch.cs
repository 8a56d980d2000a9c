namespace StoryBot.Core.Platforms;

/// <summary>
/// Whether a platform is still usable. A token the platform rejects turns it off once and for good
/// (until a restart with a new token): retrying would only hammer the platform and burn its
/// invalid-request budget, so everything on that platform stops and the rest of the bot carries on.
/// </summary>
public abstract class PlatformSwitch : IDisposable
{
    private readonly CancellationTokenSource _disabled = new();
    private int _disabledOnce;

    public bool IsDisabled => _disabled.IsCancellationRequested;

    /// <summary>Why the platform was turned off, for messages of calls refused afterwards.</summary>
    public string? Reason { get; private set; }

    /// <summary>Cancelled when the platform is disabled; long-running loops link to it.</summary>
    public CancellationToken DisabledToken => _disabled.Token;

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Turns the platform off; true only the first time, so the caller logs it once.</summary>
    protected bool TryDisable(string reason)
    {
        if (Interlocked.Exchange(ref _disabledOnce, 1) != 0)
        {
            return false;
        }

        Reason = reason;
        _disabled.Cancel();
        return true;
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _disabled.Dispose();
        }
    }
}
