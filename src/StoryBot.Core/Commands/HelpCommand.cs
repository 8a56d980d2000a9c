using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Commands;

/// <summary>/help: the story's own opening line, then the commands (the story's topic commands among them); moderators also see theirs.</summary>
internal sealed class HelpCommand(IKnowledgeProvider knowledge) : IChatCommand
{
    public const string CommandName = "help";

    public string Name => CommandName;

    public Task<Reply> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var language = context.Language;
        var story = knowledge.Current.Story;
        var lines = new List<string> { story.Help.In(language), Phrases.HelpBeforeTopics.In(language) };
        lines.AddRange(story.Topics.Select(t => t.Command).OfType<TopicCommandTexts>().Select(c => $"/{c.CommandName}: {c.Help.In(language)}"));
        lines.Add(Phrases.HelpAfterTopics.In(language));
        var text = string.Join("\n", lines);
        if (context.Request.IsModerator)
        {
            text += "\n" + Phrases.ModeratorHelp.In(language);
        }

        return Task.FromResult(ReplyComposer.Message(context.Request.Text, language, ReplyKind.Help, text));
    }
}
