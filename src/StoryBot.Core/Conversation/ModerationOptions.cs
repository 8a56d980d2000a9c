namespace StoryBot.Core.Conversation;

/// <summary>Who may run moderator commands on each platform (section <c>Moderation</c>).</summary>
public sealed class ModerationOptions
{
    public const string Section = "Moderation";

    /// <summary>Discord roles whose members moderate, besides members with Manage Guild.</summary>
    public IList<string> DiscordRoleIds { get; } = [];

    /// <summary>Slack users who moderate.</summary>
    public IList<string> SlackUserIds { get; } = [];
}
