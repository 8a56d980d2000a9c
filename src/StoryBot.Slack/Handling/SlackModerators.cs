using Microsoft.Extensions.Options;
using StoryBot.Slack.Configuration;

namespace StoryBot.Slack.Handling;

/// <summary>
/// Moderator rights on Slack: the user of the current (signed or socket-delivered) request is in
/// <c>Slack:ModeratorUserIds</c>, read per request from the live options, or in one of the user
/// groups of <c>Slack:ModeratorUserGroupIds</c> as Slack last listed them.
/// </summary>
internal sealed class SlackModerators(IOptionsMonitor<SlackOptions> options, SlackModeratorGroups groups)
{
    public bool IsModerator(string userId) =>
        userId.Length > 0 && (options.CurrentValue.ModeratorUserIds.Contains(userId, StringComparer.Ordinal) || groups.Contains(userId));
}
