namespace StoryBot.Core.Conversation;

/// <summary>
/// The moderators' command, named in this one place: every platform registers it under this name
/// and every hint a reply gives names it from here. It is a command of its own, apart from the
/// public <c>/sources</c>, because Discord grants visibility per top-level command only.
/// </summary>
public static class ModeratorCommand
{
    public const string Name = "moderate";

    /// <summary>The command as a user types it.</summary>
    public const string Line = "/" + Name;

    /// <summary>What moderators can do with it, in the order help and usage replies list them.</summary>
    public static IReadOnlyList<string> Subcommands { get; } = ["list", "disable", "enable", "reports", "resolve", "audit", "unanswered", "story"];
}
