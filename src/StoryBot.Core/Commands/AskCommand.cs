using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;

namespace StoryBot.Core.Commands;

/// <summary>/ask &lt;question&gt;: a free question; plain text that is not a command lands here too.</summary>
internal sealed class AskCommand(IAnswerEngine engine) : IChatCommand
{
    public const string CommandName = "ask";

    public string Name => CommandName;

    public Task<Reply> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        engine.AskAsync(context.Argument, context.Request.PreferredLanguage, cancellationToken);
}
