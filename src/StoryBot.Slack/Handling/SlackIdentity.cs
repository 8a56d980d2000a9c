namespace StoryBot.Slack.Handling;

/// <summary>Who the bot is on Slack, learnt from <c>auth.test</c> at start.</summary>
internal sealed class SlackIdentity
{
    private volatile string? _botUserId;

    public string? BotUserId => _botUserId;

    public void SetBotUserId(string userId) => _botUserId = userId;
}
