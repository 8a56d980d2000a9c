using StoryBot.State.Moderation;

namespace StoryBot.Dashboard.Pages;

/// <summary>What people asked that the story does not answer, one row per wording, most asked first.</summary>
internal sealed class UnansweredModel(UnansweredLog unanswered) : PagedListPage<UnansweredGroup>
{
    protected override Task<IReadOnlyList<UnansweredGroup>> ReadAsync(int offset, int limit, CancellationToken cancellationToken) =>
        unanswered.GroupsAsync(offset, limit, cancellationToken);
}
