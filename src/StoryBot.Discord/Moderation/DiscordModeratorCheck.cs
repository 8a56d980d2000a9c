using Microsoft.Extensions.Options;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Interactions;

namespace StoryBot.Discord.Moderation;

/// <summary>
/// Moderator rights come from the interaction being handled, never from a cache: Discord computes
/// <c>member.permissions</c> for each interaction, and the member's roles travel with it.
/// Messages carry no such proof, so message-based requests are never moderator requests.
/// </summary>
/// <remarks>
/// Discord hides the moderator commands from members without
/// <see cref="DiscordOptions.ModeratorCommandPermissions"/>, but a server admin can grant them to
/// anyone, so every use is checked here against the same permissions.
/// </remarks>
internal sealed class DiscordModeratorCheck(IOptionsMonitor<DiscordOptions> options)
{
    public bool IsModerator(Interaction interaction)
    {
        if (interaction.GuildId is null)
        {
            return false;
        }

        var settings = options.CurrentValue;
        if (interaction.MemberPermissions is { } permissions && HasModeratorPermissions(permissions, settings.ModeratorCommandPermissions))
        {
            return true;
        }

        var roles = settings.ModeratorRoleIds;
        return roles.Count > 0 && interaction.MemberRoles.Any(roles.Contains);
    }

    /// <summary>Administrators always; others need every bit asked for (none asked for: administrators only, as Discord reads "0").</summary>
    private static bool HasModeratorPermissions(ulong permissions, string required)
    {
        if ((permissions & DiscordPermissions.Administrator) != 0)
        {
            return true;
        }

        return DiscordPermissions.TryParse(required, out var needed) && needed != 0 && (permissions & needed) == needed;
    }
}
