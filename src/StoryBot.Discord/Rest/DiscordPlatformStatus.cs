using Microsoft.Extensions.Logging;

namespace StoryBot.Discord.Rest;

/// <summary>
/// Whether Discord is still usable. A rejected token (REST 401 or Gateway 4004) disables the
/// whole platform once, with one clear log line, so a dead token never burns the invalid-request
/// budget; the rest of the bot keeps running.
/// </summary>
internal sealed class DiscordPlatformStatus(ILogger<DiscordPlatformStatus> logger) : IDisposable
{
    private readonly CancellationTokenSource _disabled = new();
    private int _disabledOnce;

    public bool IsDisabled => _disabled.IsCancellationRequested;

    public string? Reason { get; private set; }

    /// <summary>Cancelled when the platform is disabled; long-running loops link to it.</summary>
    public CancellationToken DisabledToken => _disabled.Token;

    public void Disable(string reason)
    {
        if (Interlocked.Exchange(ref _disabledOnce, 1) != 0)
        {
            return;
        }

        Reason = reason;
        logger.LogError("Discord is disabled: {Reason}. The rest of StoryBot keeps running.", reason);
        _disabled.Cancel();
    }

    public void Dispose() => _disabled.Dispose();
}
