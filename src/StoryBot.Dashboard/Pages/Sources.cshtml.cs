using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using StoryBot.Core.Knowledge;
using StoryBot.State.Moderation;

namespace StoryBot.Dashboard.Pages;

/// <summary>
/// The sources and excerpts of a story in service (the default story, or the one chosen where the
/// host serves several), searchable, with what is withdrawn, by whom and why. Withdrawing and restoring go through <see cref="DisabledCitations"/>, as
/// <c>/moderate disable</c> and <c>enable</c> do, with the same corrections.
/// </summary>
internal sealed class SourcesModel(IKnowledgeProvider knowledge, DisabledCitations disabled) : DashboardPage
{
    public enum StatusFilter
    {
        All,
        InUse,
        Withdrawn,
    }

    public sealed record ExcerptRow(Excerpt Excerpt, DisabledCitation? Withdrawal);

    public sealed record SourceRow(SourceDocument Source, int Excerpts, DisabledCitation? Withdrawal);

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public StatusFilter Shown { get; set; }

    [BindProperty(SupportsGet = true, Name = "source")]
    public string? SourceId { get; set; }

    [BindProperty(SupportsGet = true, Name = Pager.Parameter)]
    public int Number { get; set; } = 1;

    /// <summary>The story shown; null or empty for the default story.</summary>
    [BindProperty(SupportsGet = true, Name = "story")]
    public string? Story { get; set; }

    /// <summary>The stories served, the default first; the page offers a choice only when there are several.</summary>
    public IReadOnlyList<string> Stories => knowledge.ServedStoryIds();

    /// <summary>The id of the story shown.</summary>
    public string StoryShown { get; private set; } = string.Empty;

    /// <summary>Every source of the story, for the filter.</summary>
    public IReadOnlyList<SourceDocument> AllSources { get; private set; } = [];

    /// <summary>The sources the filter shows.</summary>
    public IReadOnlyList<SourceRow> Sources { get; private set; } = [];

    public IReadOnlyList<ExcerptRow> Excerpts { get; private set; } = [];

    public Pager Pager { get; private set; } = new(1, null, null);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var pack = PackShown();
        StoryShown = pack.Story.Id;
        var withdrawn = (await disabled.ListAsync(cancellationToken)).ToDictionary(d => d.Target);
        AllSources = pack.Sources;
        Sources = [
            .. pack.Sources
                .Where(s => string.IsNullOrEmpty(SourceId) || s.Id == SourceId)
                .Select(s => new SourceRow(s, pack.Excerpts.Count(e => e.SourceId == s.Id), withdrawn.GetValueOrDefault(CitationTarget.Source(s.Id))))
                .Where(row => IsShown(row.Withdrawal)),
        ];
        var matching = pack.Excerpts
            .Where(e => string.IsNullOrEmpty(SourceId) || e.SourceId == SourceId)
            .Where(e => string.IsNullOrWhiteSpace(Search) || Matches(e, Search.Trim()))
            .Select(e => new ExcerptRow(e, withdrawn.GetValueOrDefault(CitationTarget.Excerpt(e.Id))))
            .Where(row => IsShown(row.Withdrawal))
            .OrderBy(row => row.Excerpt.SourceId, StringComparer.Ordinal).ThenBy(row => row.Excerpt.Paragraph).ThenBy(row => row.Excerpt.Start)
            .Skip(Pager.Offset(Number))
            .Take(Pager.Size + 1)
            .ToList();
        (Excerpts, Pager) = Pager.Of(matching, Number, number => Url.Page("/Sources", new { q = Search, status = Shown, source = SourceId, story = Story, p = number }));
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string kind, string id, string? reason, CancellationToken cancellationToken)
    {
        if (Target(kind, id) is not { } target)
        {
            Status = $"There is no {kind} {id} in the story shown.";
            return RedirectToPage(new { story = Story });
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            Status = $"Please say why {target} is withdrawn.";
            return RedirectToPage(new { story = Story });
        }

        var result = await disabled.DisableAsync(Actor, target, reason.Trim(), cancellationToken);
        Status = result.Outcome == ChangeOutcome.Unchanged
            ? $"{target} is already withdrawn."
            : string.Create(CultureInfo.InvariantCulture, $"Withdrew {target}: no answer will cite it from now on. {result.CorrectionsQueued} posted answer(s) that cited it will be corrected.");
        return RedirectToPage(new { story = Story });
    }

    public async Task<IActionResult> OnPostRestoreAsync(string kind, string id, CancellationToken cancellationToken)
    {
        if (Target(kind, id) is not { } target)
        {
            Status = $"There is no {kind} {id} in the story shown.";
            return RedirectToPage(new { story = Story });
        }

        Status = await disabled.EnableAsync(Actor, target, cancellationToken) == ChangeOutcome.Unchanged
            ? $"{target} is not withdrawn."
            : $"Restored {target}: answers may cite it again; answers already corrected stay corrected.";
        return RedirectToPage(new { story = Story });
    }

    /// <summary>The chosen story's pack; the default story's when none or an unknown one is chosen.</summary>
    private KnowledgePack PackShown() =>
        !string.IsNullOrEmpty(Story) && knowledge is IServedStories served && served.Find(Story) is { } chosen ? chosen : knowledge.Current;

    private CitationTarget? Target(string kind, string id)
    {
        var pack = PackShown();
        return kind switch
        {
            "source" when pack.Sources.Any(s => s.Id == id) => CitationTarget.Source(id),
            "excerpt" when pack.TryGetExcerpt(id, out _) => CitationTarget.Excerpt(id),
            _ => null,
        };
    }

    private bool IsShown(DisabledCitation? withdrawal) => Shown switch
    {
        StatusFilter.InUse => withdrawal is null,
        StatusFilter.Withdrawn => withdrawal is not null,
        _ => true,
    };

    private static bool Matches(Excerpt excerpt, string search) =>
        excerpt.Id.Contains(search, StringComparison.OrdinalIgnoreCase)
        || excerpt.Quote.Contains(search, StringComparison.OrdinalIgnoreCase)
        || excerpt.Translation.Contains(search, StringComparison.OrdinalIgnoreCase);
}
