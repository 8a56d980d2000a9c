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

    protected static IReadOnlyList<AnswerPoint> FactsOn(KnowledgePack pack, Topic topic) =>
        FactPoints.Of(pack.Facts.Where(f => f.Topic == topic), pack);
}

/// <summary>/funding: every money figure the story gives, and who says so.</summary>
internal sealed class FundingCommand(IKnowledgeProvider knowledge, ICitationPolicy policy)
    : StoryCommand(knowledge, policy)
{
    public const string CommandName = "funding";

    public override string Name => CommandName;

    protected override LocalizedText HeadingOf(KnowledgePack pack) => pack.Story.HeadingOf(Topic.Funding).ToLocalizedText();

    protected override IReadOnlyList<AnswerPoint> PointsOf(KnowledgePack pack) => FactsOn(pack, Topic.Funding);
}

/// <summary>/dispute: both sides of the fight, each quote attributed.</summary>
internal sealed class DisputeCommand(IKnowledgeProvider knowledge, ICitationPolicy policy)
    : StoryCommand(knowledge, policy)
{
    public const string CommandName = "dispute";

    public override string Name => CommandName;

    protected override LocalizedText HeadingOf(KnowledgePack pack) => pack.Story.HeadingOf(Topic.Dispute).ToLocalizedText();

    protected override IReadOnlyList<AnswerPoint> PointsOf(KnowledgePack pack) => FactsOn(pack, Topic.Dispute);
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
