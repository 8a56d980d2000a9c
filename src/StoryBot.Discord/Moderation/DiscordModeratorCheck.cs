using Microsoft.Extensions.Options;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Interactions;

namespace StoryBot.Discord.Moderation;

/// <summary>
/// Moderator rights come from the interaction being handled, never from a cache: Discord computes
/// <c>member.permissions</c> for each interaction, and the member's roles travel with it.
/// Messages carry no such proof, so message-based requests are never moderator requests.
/// </summary>
internal sealed class DiscordModeratorCheck(IOptionsMonitor<DiscordOptions> options)
{
    public const ulong Administrator = 1UL << 3;
    public const ulong ManageGuild = 1UL << 5;

    public bool IsModerator(Interaction interaction)
    {
        if (interaction.GuildId is null)
        {
            return false;
        }

        if (interaction.MemberPermissions is { } permissions && (permissions & (ManageGuild | Administrator)) != 0)
        {
            return true;
        }

        var roles = options.CurrentValue.ModeratorRoleIds;
        return roles.Count > 0 && interaction.MemberRoles.Any(roles.Contains);
    }
}
