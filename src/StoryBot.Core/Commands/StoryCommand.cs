using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Commands;

/// <summary>
/// A command that answers with curated points of the pack in service (a topic, the timeline,
/// the summary), filtered by what moderators allow and checked like any other answer.
/// </summary>
internal abstract class StoryCommand(IKnowledgeProvider knowledge, ICitationPolicy policy) : IRepeatableCommand
{
    public abstract string Name { get; }

    protected abstract LocalizedText HeadingOf(KnowledgePack pack);

    public async Task<Reply> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var pack = knowledge.Current;
        var filter = await policy.GetFilterAsync(cancellationToken);
        return ReplyComposer.Compose(context.Request.Text, context.Language, HeadingOf(pack), PointsOf(pack), pack, filter);
    }

    protected abstract IReadOnlyList<AnswerPoint> PointsOf(KnowledgePack pack);
}

/// <summary>
/// The command of a topic whose <c>story.yaml</c> entry gives it one (/funding: the money figures and who
/// says so): the topic's facts under its heading. Made from the packs in service at start, as the registry
/// and the platforms' command lists are; a reload that changes the topics' commands is refused. Where
/// several stories are served, one command serves the topic of that name in the story being answered,
/// and answers with nothing to cite in a story that has no such topic.
/// </summary>
internal sealed class TopicCommand(StoryTopic topic, IKnowledgeProvider knowledge, ICitationPolicy policy)
    : StoryCommand(knowledge, policy)
{
    public override string Name { get; } = topic.Command?.CommandName
        ?? throw new ArgumentException($"topic '{topic.Id}' has no command", nameof(topic));

    /// <summary>Where the command is defined, for a registry naming two commands of one name.</summary>
    public string Origin => $"the command of topic '{topic.Id}' in story.yaml";

    /// <summary>A command for each topic of <paramref name="story"/> that has one, in the topics' order.</summary>
    public static IEnumerable<TopicCommand> Of(StoryProfile story, IKnowledgeProvider knowledge, ICitationPolicy policy) =>
        Of([story], knowledge, policy);

    /// <summary>A command for each topic command the <paramref name="stories"/> define, the first story's topic for a name several share.</summary>
    public static IEnumerable<TopicCommand> Of(IEnumerable<StoryProfile> stories, IKnowledgeProvider knowledge, ICitationPolicy policy) =>
        stories.SelectMany(story => story.Topics)
            .Where(t => t.Command is not null)
            .DistinctBy(t => t.Command!.CommandName, StringComparer.OrdinalIgnoreCase)
            .Select(t => new TopicCommand(t, knowledge, policy));

    protected override LocalizedText HeadingOf(KnowledgePack pack) => (TopicIn(pack) ?? topic).HeadingOrName.ToLocalizedText();

    protected override IReadOnlyList<AnswerPoint> PointsOf(KnowledgePack pack) =>
        TopicIn(pack) is { } own ? FactPoints.Of(pack.Facts.Where(f => f.Topic == own.Id), pack) : [];

    private StoryTopic? TopicIn(KnowledgePack pack) =>
        pack.Story.Topics.FirstOrDefault(t => string.Equals(t.Command?.CommandName, Name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>/timeline: the story's events on its own relative days.</summary>
internal sealed class TimelineCommand(IKnowledgeProvider knowledge, ICitationPolicy policy)
    : StoryCommand(knowledge, policy)
{
    public const string CommandName = "timeline";

    public override string Name => CommandName;

    protected override LocalizedText HeadingOf(KnowledgePack pack) => Phrases.TimelineHeading;

    protected override IReadOnlyList<AnswerPoint> PointsOf(KnowledgePack pack) =>
        [.. pack.Timeline
            .OrderBy(t => t.Order)
            .Select(t => new AnswerPoint(new LocalizedText($"{t.Day.En}: {t.Event.En}", $"{t.Day.De}: {t.Event.De}"), t.Citations))];
}

/// <summary>/summary: the curated summary of the story; the summaries feature replaces it with its own.</summary>
internal sealed class SummaryCommand(IKnowledgeProvider knowledge, ICitationPolicy policy)
    : StoryCommand(knowledge, policy), IBuiltInCommand
{
    public const string CommandName = "summary";

    public override string Name => CommandName;

    protected override LocalizedText HeadingOf(KnowledgePack pack) => Phrases.SummaryHeading;

    protected override IReadOnlyList<AnswerPoint> PointsOf(KnowledgePack pack) =>
        [new AnswerPoint(pack.Summary.Text, pack.Summary.Citations)];
}
