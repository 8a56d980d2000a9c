using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.State.Moderation;

namespace StoryBot.State.Commands;

/// <summary>
/// <c>/moderate story [&lt;story-id&gt; | default]</c>: which story the channel it is typed in is answered
/// from, and, with an id, answers it from that story from now on (<c>default</c>: as configured again).
/// </summary>
internal sealed class ChannelStorySubcommand(IKnowledgeProvider knowledge, ChannelStories stories, ChannelStoryChoices choices)
{
    public const string Name = "story";
    public const string AsConfigured = "default";

    public async Task<Reply> RunAsync(CommandContext context, Actor actor, string arguments, CancellationToken cancellationToken)
    {
        var (id, _) = CommandArguments.Split(arguments);
        var reply = new ReplyWriter(context);
        var served = knowledge.ServedStoryIds();
        if (id.Length == 0)
        {
            return reply.Say("This channel is answered from the story ", "Dieser Kanal wird aus der Geschichte ").Strong(knowledge.Current.Story.Id)
                .Say(".", " beantwortet.").Line()
                .Say("Stories served: ", "Bediente Geschichten: ").Plain(string.Join(", ", served)).Plain(". ")
                .Say(
                    $"{ModeratorCommand.Line} {Name} <id> answers it from another, {ModeratorCommand.Line} {Name} {AsConfigured} as configured.",
                    $"{ModeratorCommand.Line} {Name} <id> beantwortet ihn aus einer anderen, {ModeratorCommand.Line} {Name} {AsConfigured} wie konfiguriert.")
                .Build(ReplyKind.Moderation);
        }

        if (context.Request.ChannelKind is ChannelKind.Direct or ChannelKind.Console)
        {
            return reply.Say(
                    "Only a channel can be given a story; direct messages are answered from the default story.",
                    "Nur einem Kanal lässt sich eine Geschichte zuordnen; Direktnachrichten beantwortet die Standardgeschichte.")
                .Build(ReplyKind.Error);
        }

        var story = id.Equals(AsConfigured, StringComparison.OrdinalIgnoreCase) ? null : id;
        if (story is not null && !served.Contains(story, StringComparer.Ordinal))
        {
            return reply.Say("There is no story ", "Es gibt keine Geschichte ").User(story)
                .Say(" served here. Stories served: ", " hier. Bediente Geschichten: ").Plain(string.Join(", ", served)).Plain(".")
                .Build(ReplyKind.Error);
        }

        var outcome = await choices.ChooseAsync(actor, context.Request.ChannelId, story, cancellationToken);
        var now = story ?? stories.StoryOfChannel(context.Request.ChannelId) ?? served[0];
        if (outcome == ChangeOutcome.Unchanged)
        {
            return reply.Say("This channel already is answered ", "Dieser Kanal wird bereits ").Say(story is null ? "as configured: " : "from ", story is null ? "wie konfiguriert beantwortet: " : "beantwortet aus ")
                .Strong(now).Plain(".").Build(ReplyKind.Moderation);
        }

        return reply.Say("From now on this channel is answered from the story ", "Ab sofort wird dieser Kanal aus der Geschichte ").Strong(now)
            .Say(story is null ? ", as configured." : ".", story is null ? " beantwortet, wie konfiguriert." : " beantwortet.")
            .Build(ReplyKind.Moderation);
    }
}
