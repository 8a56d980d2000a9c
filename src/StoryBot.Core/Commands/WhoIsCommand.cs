using System.Globalization;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Retrieval;

namespace StoryBot.Core.Commands;

/// <summary>/who-is &lt;name&gt;: what the story says someone or something is, with the facts about them.</summary>
internal sealed class WhoIsCommand(IKnowledgeProvider knowledge, ICitationPolicy policy) : IRepeatableCommand
{
    public const string CommandName = "who-is";

    /// <summary>Facts shown besides the role line; more belongs in /ask.</summary>
    private const int MaxFacts = 2;

    public string Name => CommandName;

    public async Task<Reply> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var pack = knowledge.Current;
        var language = context.Language;
        if (context.Argument.Length == 0)
        {
            return ReplyComposer.Message(context.Request.Text, language, ReplyKind.Error, string.Format(CultureInfo.InvariantCulture, Phrases.WhoIsNeedsName.In(language), pack.Story.WhoIsExample.In(language)) + Names(pack));
        }

        var entity = EntityMatcher.Find(context.Argument, pack);
        if (entity is null)
        {
            return new Reply
            {
                Question = context.Request.Text,
                Language = language,
                Kind = ReplyKind.Abstention,
                Body =
                [
                    TextRun.Plain(Phrases.NotNamed.In(language) + "“"),
                    TextRun.User(context.Argument.Length <= 80 ? context.Argument : context.Argument[..79] + "…"),
                    TextRun.Plain("”. " + Phrases.ItNames.In(language) + Names(pack)),
                ],
            };
        }

        var points = new List<AnswerPoint> { new(entity.Role, entity.Citations) };
        var people = pack.Story.TopicWith(TopicRole.People)?.Id;
        points.AddRange(FactPoints.Of(pack.Facts.Where(f => f.Entities.Contains(entity.Id)).OrderBy(f => f.Topic == people ? 0 : 1), pack)
            .Take(MaxFacts));
        var filter = await policy.GetFilterAsync(cancellationToken);
        return ReplyComposer.Compose(context.Request.Text, language, new LocalizedText(entity.Name, entity.Name), points, pack, filter);
    }

    private static string Names(KnowledgePack pack) => string.Join(", ", pack.Entities.Select(e => e.Name)) + ".";
}
