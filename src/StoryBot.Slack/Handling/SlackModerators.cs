using Microsoft.Extensions.Options;
using StoryBot.Slack.Configuration;

namespace StoryBot.Slack.Handling;

/// <summary>
/// Moderator rights on Slack: the user of the current (signed or socket-delivered) request is in
/// <c>Slack:ModeratorUserIds</c>. Read per request from the live options, never cached.
/// </summary>
internal sealed class SlackModerators(IOptionsMonitor<SlackOptions> options)
{
    public bool IsModerator(string userId) =>
        userId.Length > 0 && options.CurrentValue.ModeratorUserIds.Contains(userId, StringComparer.Ordinal);
}
