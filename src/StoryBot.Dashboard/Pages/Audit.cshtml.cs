using StoryBot.State.Moderation;

namespace StoryBot.Dashboard.Pages;

/// <summary>Every moderation action and correction, newest first, whichever surface it came from.</summary>
internal sealed class AuditModel(AuditLog audit) : PagedListPage<AuditEntry>
{
    protected override Task<IReadOnlyList<AuditEntry>> ReadAsync(int offset, int limit, CancellationToken cancellationToken) =>
        audit.PageAsync(offset, limit, cancellationToken);
}
