using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;

namespace StoryBot.Core.Commands;

internal sealed class HelpCommand : IChatCommand
{
    public const string CommandName = "help";

    public string Name => CommandName;

    public Task<Reply> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(ReplyComposer.Message(context.Request.Text, context.Language, ReplyKind.Help, Phrases.Help.In(context.Language)));
}
