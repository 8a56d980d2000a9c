using StoryBot.Core.Answering;

namespace StoryBot.Core.Conversation;

/// <summary>
/// One slash command, registered in DI. Each name belongs to one command: a feature's command may
/// replace a built-in one of the core, and two others of one name stop the host (<see cref="ChatCommands"/>).
/// </summary>
public interface IChatCommand
{
    /// <summary>The name without the slash, lowercase (<c>who-is</c>).</summary>
    string Name { get; }

    Task<Reply> ExecuteAsync(CommandContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the command reads the language of its argument itself (a free question, which the
    /// answer engine cleans and reads once): its context then carries the user's language
    /// unchecked, instead of the argument being read a second time for it.
    /// </summary>
    bool ReadsItsOwnLanguage => false;
}

/// <param name="Request">The request as the adapter built it.</param>
/// <param name="Argument">Everything after the command name, trimmed.</param>
/// <param name="Language">The language to answer in.</param>
public sealed record CommandContext(ChatRequest Request, string Argument, Knowledge.Language Language);
