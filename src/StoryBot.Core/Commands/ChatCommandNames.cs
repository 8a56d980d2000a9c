using StoryBot.Core.Conversation;

namespace StoryBot.Core.Commands;

/// <summary>
/// The names of the commands the bot defines itself, its core's and its features', which a story's
/// topic commands may not take: the loader refuses such a pack with the line that names it, before
/// the command registry would stop the host over it.
/// </summary>
public static class ChatCommandNames
{
    /// <summary>The summaries feature's command (StoryBot.State).</summary>
    public const string WhatsNew = "whats-new";

    /// <summary>The state feature's command that reports an answer to the moderators (StoryBot.State).</summary>
    public const string Report = "report";

    public static IReadOnlyList<string> OfTheBot { get; } =
    [
        AskCommand.CommandName, WhoIsCommand.CommandName, TimelineCommand.CommandName, SummaryCommand.CommandName,
        WhatsNew, SourcesCommand.CommandName, ModeratorCommand.Name, Report, HelpCommand.CommandName,
    ];
}
