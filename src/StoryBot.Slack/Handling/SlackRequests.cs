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

    /// <param name="unhurried">Waits for the user's language as long as Slack takes, not only <see cref="Configuration.SlackOptions.UserLocaleBudget"/>: for what no one waits on.</param>
    public async Task<ChatRequest> ForAsync(string channelId, string userId, string text, ChannelKind kind, CancellationToken cancellationToken, bool unhurried = false) =>
        new(Platform, channelId, userId, text)
        {
            IsModerator = moderators.IsModerator(userId),
            ChannelKind = kind,
            PreferredLanguage = unhurried
                ? await languages.UnhurriedAsync(userId, cancellationToken)
                : await languages.PreferredAsync(userId, cancellationToken),
        };
}
