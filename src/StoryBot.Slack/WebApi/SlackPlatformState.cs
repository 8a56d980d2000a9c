using Microsoft.Extensions.Logging;

namespace StoryBot.Slack.WebApi;

/// <summary>
/// Whether Slack is still usable. A revoked or invalid token turns it off for good (until a
/// restart with a new token): retrying would only hammer Slack, so everything Slack stops and
/// the rest of the bot carries on.
/// </summary>
internal sealed class SlackPlatformState(ILogger<SlackPlatformState> logger) : IDisposable
{
    private readonly CancellationTokenSource _disabled = new();
    private int _disabledOnce;

    public bool IsDisabled => _disabled.IsCancellationRequested;

    /// <summary>Cancelled when the platform is disabled; long-running Slack work links to it.</summary>
    public CancellationToken Disabled => _disabled.Token;

    public void Disable(string configurationKey, string method, string error)
    {
        if (Interlocked.Exchange(ref _disabledOnce, 1) == 1)
        {
            return;
        }

        logger.LogCritical(
            "Slack is disabled: the Web API answered {Error} to {Method}, so {Key} is invalid, revoked or belongs to an inactive account. Set a valid {Key} and restart; the rest of the bot keeps running",
            error, method, configurationKey, configurationKey);
        _disabled.Cancel();
    }

    public void Dispose() => _disabled.Dispose();
}
