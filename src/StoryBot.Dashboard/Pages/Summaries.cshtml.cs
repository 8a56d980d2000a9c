using StoryBot.State.Summaries;

namespace StoryBot.Dashboard.Pages;

/// <summary>The summary ledger: every slot of every schedule, newest first, with what became of it.</summary>
internal sealed class SummariesModel(ISummaryHistory ledger) : PagedListPage<SlotRecord>
{
    /// <summary>
    /// The posted message's link as the platform's adapter gave it, when it is a web address:
    /// anything else is shown as text, never followed. Slots recorded before links were kept have none.
    /// </summary>
    public static Uri? LinkOf(SlotRecord slot) =>
        slot is { Status: SlotStatus.Posted, Permalink: { } permalink }
        && Uri.TryCreate(permalink, UriKind.Absolute, out var link) && link.Scheme == Uri.UriSchemeHttps
            ? link
            : null;

    protected override Task<IReadOnlyList<SlotRecord>> ReadAsync(int offset, int limit, CancellationToken cancellationToken) =>
        ledger.LatestAsync(offset, limit, cancellationToken);
}
