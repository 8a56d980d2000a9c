using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Commands;

/// <summary>/help: the story's own opening line, then the commands; moderators also see theirs.</summary>
internal sealed class HelpCommand(IKnowledgeProvider knowledge) : IChatCommand
{
    public const string CommandName = "help";

    public string Name => CommandName;

    public Task<Reply> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var language = context.Language;
        var text = knowledge.Current.Story.Help.In(language) + "\n" + Phrases.Help.In(language);
        if (context.Request.IsModerator)
        {
            text += "\n" + Phrases.ModeratorHelp.In(language);
        }

        return Task.FromResult(ReplyComposer.Message(context.Request.Text, language, ReplyKind.Help, text));
    }
}
