using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Platforms;

namespace StoryBot.State.Summaries;

/// <summary>
/// Writes the summary a schedule posts: from the current pack, with the moderators' filter, and
/// against what the channel's last summary cited, so it can say what is new or withdrawn since. A host
/// serving several stories summarizes the story the channel is mapped to.
/// </summary>
internal sealed class ScheduledSummaryComposer(
    IStorySummaryComposer composer,
    IKnowledgeProvider knowledge,
    ICitationPolicy citationPolicy,
    ISummaryLedger ledger,
    ChannelStories? stories = null)
{
    public async Task<ScheduledSummary> ComposeAsync(SummarySchedule schedule, PlatformLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        using var story = StoryScope.Enter(stories is null ? null : await stories.StoryOfChannelAsync(schedule.Platform, schedule.ChannelId, cancellationToken));
        var pack = knowledge.Current;
        var filter = await citationPolicy.GetFilterAsync(cancellationToken);
        var last = await ledger.LastPostedAsync(schedule.Platform, schedule.ChannelId, cancellationToken);
        var since = last?.PackVersion is { } version ? new SummaryBaseline(version, last.ExcerptIds, last.Slot.Utc) : null;
        var reply = composer.Compose(schedule.Language, filter, pack, since, limits);
        return new ScheduledSummary(reply, pack.Version, QuoteVerifier.Unverified(reply, pack));
    }
}

/// <summary>A summary ready to post, and what it rests on.</summary>
/// <param name="PackVersion">The pack it was written from.</param>
/// <param name="UnverifiedQuotes">Cited excerpts whose quotes do not match their source text; while any are left it must not be posted.</param>
internal sealed record ScheduledSummary(Reply Reply, string PackVersion, IReadOnlyList<string> UnverifiedQuotes)
{
    public IReadOnlyList<string> ExcerptIds => [.. Reply.Citations.Select(citation => citation.Id)];

    /// <summary>Why the summary may not be posted as it is, worded for the curator who can fix it.</summary>
    public string QuoteProblem =>
        $"quotes {string.Join(", ", UnverifiedQuotes)} do not match their source text in knowledge pack {PackVersion}; correct the curated quotes";
}
