using Microsoft.AspNetCore.Mvc;
using StoryBot.State.Moderation;

namespace StoryBot.Dashboard.Pages;

/// <summary>What was done to one source or excerpt, from the audit log.</summary>
internal sealed class HistoryModel(AuditLog audit) : DashboardPage
{
    private const int Shown = 100;

    [BindProperty(SupportsGet = true)]
    public string Kind { get; set; } = "excerpt";

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var target = Kind == "source" ? CitationTarget.Source(Id) : CitationTarget.Excerpt(Id);
        Kind = target.KindCode;
        Entries = await audit.ForTargetAsync(target, Shown, cancellationToken);
    }
}
