using StoryBot.Core.Conversation;

namespace StoryBot.Slack.Handling;

/// <summary>
/// What the chat bot is told about a Slack asker with every request: whether they moderate, and
/// the language they chose in Slack, which the question's own words still override.
/// </summary>
internal sealed class SlackRequests(SlackModerators moderators, SlackUserLanguages languages)
{
    public const string Platform = "slack";

    /// <summary>Slack's direct-message conversations are the ones whose ids start with D.</summary>
    public static ChannelKind KindOf(string channelId) => channelId.StartsWith('D') ? ChannelKind.Direct : ChannelKind.Channel;

    public async Task<ChatRequest> ForAsync(string channelId, string userId, string text, ChannelKind kind, CancellationToken cancellationToken) =>
        new(Platform, channelId, userId, text)
        {
            IsModerator = moderators.IsModerator(userId),
            ChannelKind = kind,
            PreferredLanguage = await languages.PreferredAsync(userId, cancellationToken),
        };
}
