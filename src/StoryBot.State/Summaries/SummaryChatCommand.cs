using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Platforms;

namespace StoryBot.State.Summaries;

/// <summary>
/// <c>/summary</c>: on demand, the same cited summary the schedules post. Registered after
/// Core's command of the same name, so it replaces it (the later registration wins).
/// </summary>
internal sealed class SummaryChatCommand(
    IKnowledgeProvider knowledge, ICitationPolicy citationPolicy, IStorySummaryComposer composer, IEnumerable<IChannelPoster> posters) : IRepeatableCommand
{
    public const string CommandName = "summary";

    public string Name => CommandName;

    public async Task<Reply> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pack = knowledge.Current;
        var filter = await citationPolicy.GetFilterAsync(cancellationToken);
        // Sized for the platform it is asked on, like the scheduled summaries posted there.
        return composer.Compose(context.Language, filter, pack, limits: posters.LimitsFor(context.Request.Platform)) with { Question = context.Request.Text };
    }
}
