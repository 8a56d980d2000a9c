namespace StoryBot.Discord.Conversation;

/// <summary>The bot's own user id, learned from the Gateway's READY, to spot mentions and its own messages.</summary>
internal sealed class BotIdentity
{
    private volatile string? _userId;

    public string? UserId => _userId;

    public void Set(string userId) => _userId = userId;
}
