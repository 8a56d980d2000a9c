using StoryBot.State.Summaries;

namespace StoryBot.Dashboard.Pages;

/// <summary>The summary ledger: every slot of every schedule, newest first, with what became of it.</summary>
internal sealed class SummariesModel(ISummaryHistory ledger) : PagedListPage<SlotRecord>
{
    protected override Task<IReadOnlyList<SlotRecord>> ReadAsync(int offset, int limit, CancellationToken cancellationToken) =>
        ledger.LatestAsync(offset, limit, cancellationToken);
}
