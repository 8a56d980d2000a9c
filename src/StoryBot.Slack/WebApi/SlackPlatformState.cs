using Microsoft.Extensions.Logging;
using StoryBot.Core.Platforms;

namespace StoryBot.Slack.WebApi;

/// <summary>Slack's switch: a revoked or invalid token turns Slack off once, with one line naming the key to fix.</summary>
internal sealed class SlackPlatformState(ILogger<SlackPlatformState> logger) : PlatformSwitch
{
    /// <summary>Cancelled when Slack is disabled; long-running Slack work links to it.</summary>
    public CancellationToken Disabled => DisabledToken;

    public void Disable(string configurationKey, string method, string error)
    {
        if (TryDisable($"the Web API answered {error} to {method}"))
        {
            logger.LogCritical(
                "Slack is disabled: the Web API answered {Error} to {Method}, so {Key} is invalid, revoked or belongs to an inactive account. Set a valid {Key} and restart; the rest of the bot keeps running",
                error, method, configurationKey, configurationKey);
        }
    }
}
