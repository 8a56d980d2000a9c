namespace StoryBot.Discord.Conversation;

/// <summary>The name requests, posted messages and records carry for Discord.</summary>
internal static class DiscordPlatform
{
    public const string Name = "discord";
}
