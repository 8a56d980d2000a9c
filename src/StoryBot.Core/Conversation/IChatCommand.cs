using StoryBot.Core.Answering;

namespace StoryBot.Core.Conversation;

/// <summary>
/// One slash command. Commands are registered in DI; when two share a name the one registered
/// last wins, which lets a feature (moderation) extend a built-in command.
/// </summary>
public interface IChatCommand
{
    /// <summary>The name without the slash, lowercase (<c>who-is</c>).</summary>
    string Name { get; }

    Task<Reply> ExecuteAsync(CommandContext context, CancellationToken cancellationToken);
}

/// <param name="Request">The request as the adapter built it.</param>
/// <param name="Argument">Everything after the command name, trimmed.</param>
/// <param name="Language">The language to answer in.</param>
public sealed record CommandContext(ChatRequest Request, string Argument, Knowledge.Language Language);
