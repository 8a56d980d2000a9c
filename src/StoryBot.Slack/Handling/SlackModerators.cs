using Microsoft.Extensions.Options;
using StoryBot.Core.Conversation;

namespace StoryBot.Slack.Handling;

/// <summary>
/// Moderator rights on Slack: the user of the current (signed or socket-delivered) request is in
/// <c>Moderation:SlackUserIds</c>. Read per request from the live options, never cached.
/// </summary>
internal sealed class SlackModerators(IOptionsMonitor<ModerationOptions> options)
{
    public bool IsModerator(string userId) =>
        userId.Length > 0 && options.CurrentValue.SlackUserIds.Contains(userId, StringComparer.Ordinal);
}
