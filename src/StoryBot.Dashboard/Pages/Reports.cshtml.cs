using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using StoryBot.Core.Knowledge;
using StoryBot.State.Moderation;

namespace StoryBot.Dashboard.Pages;

/// <summary>
/// The reports queue: each report with the answer as it was posted and what it cited. Resolving
/// goes through <see cref="ReaderReports.ResolveAsync"/>, as <c>/moderate resolve</c> does, so a
/// withdrawal corrects the answers already posted in the same way. Where the host serves several
/// stories, the queue can be narrowed to the reports of one story's answers.
/// </summary>
internal sealed class ReportsModel(ReaderReports reports, AnswerLog answers, IKnowledgeProvider knowledge) : DashboardPage
{
    public sealed record Row(Report Report, RecordedAnswer? Answer);

    [BindProperty(SupportsGet = true, Name = "status")]
    public ReportStatus Shown { get; set; } = ReportStatus.Open;

    /// <summary>The story whose answers' reports are shown; null for every story.</summary>
    [BindProperty(SupportsGet = true, Name = "story")]
    public string? Story { get; set; }

    /// <summary>The stories served, the default first; the page offers a choice only when there are several.</summary>
    public IReadOnlyList<string> Stories => knowledge.ServedStoryIds();

    [BindProperty(SupportsGet = true, Name = Pager.Parameter)]
    public int Number { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = new(1, null, null);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var read = await reports.PageAsync(Shown, Pager.Offset(Number), Pager.Size + 1, cancellationToken, Story);
        var (shown, pager) = Pager.Of(read, Number, number => Url.Page("/Reports", new { status = Shown, story = Story, p = number }));
        var recorded = await answers.FindManyAsync([.. shown.Select(report => report.AnswerId).OfType<long>()], cancellationToken);
        Rows = [.. shown.Select(report => new Row(report, report.AnswerId is { } id ? recorded.GetValueOrDefault(id) : null))];
        Pager = pager;
    }

    public async Task<IActionResult> OnPostDismissAsync(long id, string? note, CancellationToken cancellationToken)
    {
        var result = await reports.ResolveAsync(Actor, id, ReportResolution.Dismiss, null, Clean(note), cancellationToken);
        Status = result.Outcome == ResolveOutcome.Resolved ? $"Report #{id} dismissed." : Describe(id, result.Outcome);
        return RedirectToPage();
    }

    /// <param name="excerpt">One excerpt the answer cites, or empty for every one it cites.</param>
    public async Task<IActionResult> OnPostWithdrawAsync(long id, string? excerpt, string? note, CancellationToken cancellationToken)
    {
        var result = await reports.ResolveAsync(Actor, id, ReportResolution.Disable, Clean(excerpt), Clean(note), cancellationToken);
        Status = result.Outcome == ResolveOutcome.Resolved
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"Report #{id} resolved: withdrew {string.Join(", ", result.Disabled.Select(t => t.Id))}. {result.CorrectionsQueued} posted answer(s) will be corrected.")
            : Describe(id, result.Outcome);
        return RedirectToPage();
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Describe(long id, ResolveOutcome outcome) => outcome switch
    {
        ResolveOutcome.NotFound => $"There is no report #{id}.",
        ResolveOutcome.AlreadyResolved => $"Report #{id} is already resolved.",
        ResolveOutcome.ExcerptNotCited => $"The answer reported in #{id} does not cite that excerpt.",
        _ => $"The answer reported in #{id} cites nothing that is still in use (or is no longer on record); dismiss the report instead.",
    };
}
