using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Platforms;

namespace StoryBot.State.Summaries;

/// <summary>
/// Writes the story summary: what happened, the money and the dispute in a few cited lines. The
/// daily schedules and the <c>/summary</c> command use it, so both say the same thing.
/// </summary>
public interface IStorySummaryComposer
{
    /// <summary>
    /// An <see cref="ReplyKind.Answer"/> whose every claim cites at least one excerpt the filter
    /// allows (claims without one are left out), or an <see cref="ReplyKind.Abstention"/> when no
    /// claim is left. With <paramref name="since"/>, it also says what is new or withdrawn since then.
    /// It cites no more excerpts than one message of the platform that posts it can show
    /// (<paramref name="limits"/>; no limit of its own when none is given).
    /// </summary>
    Reply Compose(Language language, CitationFilter filter, KnowledgePack pack, SummaryBaseline? since = null, PlatformLimits? limits = null);
}

/// <summary>What an earlier summary in the same channel rested on.</summary>
/// <param name="PackVersion">The pack version it was written from.</param>
/// <param name="ExcerptIds">The excerpts it cited.</param>
/// <param name="PostedAt">When it was due: sources published after it are new reporting.</param>
public sealed record SummaryBaseline(string PackVersion, IReadOnlyCollection<string> ExcerptIds, DateTimeOffset? PostedAt = null);
