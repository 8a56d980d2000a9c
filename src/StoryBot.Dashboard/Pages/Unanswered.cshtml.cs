using Microsoft.AspNetCore.Mvc;
using StoryBot.State.Moderation;

namespace StoryBot.Dashboard.Pages;

/// <summary>What people asked that the story does not answer, one row per wording, most asked first.</summary>
internal sealed class UnansweredModel(UnansweredLog unanswered) : PagedListPage<UnansweredGroup>
{
    protected override Task<IReadOnlyList<UnansweredGroup>> ReadAsync(int offset, int limit, CancellationToken cancellationToken) =>
        unanswered.GroupsAsync(offset, limit, cancellationToken);

    /// <summary>Marks a wording for the curators to add to the knowledge pack, or takes the mark back.</summary>
    public async Task<IActionResult> OnPostMarkAsync(string question, bool forPack, CancellationToken cancellationToken)
    {
        var changed = await unanswered.MarkForPackAsync(Actor, question, forPack, cancellationToken) == ChangeOutcome.Changed;
        Status = (changed, forPack) switch
        {
            (true, true) => $"Marked for the pack: “{question}”.",
            (true, false) => $"No longer marked for the pack: “{question}”.",
            (false, true) => $"“{question}” is already marked for the pack.",
            _ => $"“{question}” was not marked for the pack.",
        };
        return RedirectToPage(new { p = Number });
    }
}
