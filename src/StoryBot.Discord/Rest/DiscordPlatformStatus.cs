using Microsoft.Extensions.Logging;
using StoryBot.Core.Platforms;

namespace StoryBot.Discord.Rest;

/// <summary>Discord's switch: a rejected token (REST 401 or Gateway 4004) turns Discord off once, with one clear log line.</summary>
internal sealed class DiscordPlatformStatus(ILogger<DiscordPlatformStatus> logger) : PlatformSwitch
{
    public void Disable(string reason)
    {
        if (TryDisable(reason))
        {
            logger.LogError("Discord is disabled: {Reason}. The rest of StoryBot keeps running.", reason);
        }
    }
}
