using StoryBot.Core.Conversation;
using StoryBot.State.Storage;

namespace StoryBot.State.Moderation;

/// <summary>
/// Reads the disabled sets from the store on every answer: one small indexed query, and no
/// in-process cache, so a disable on any instance sharing the database holds from the next
/// answer on.
/// </summary>
public sealed class StoreCitationPolicy(IStateDatabase database) : ICitationPolicy
{
    public async ValueTask<CitationFilter> GetFilterAsync(CancellationToken cancellationToken)
    {
        var rows = await database.ReadAsync(
            session => session.QueryAsync(
                "SELECT target_kind, target_id FROM disabled_citations",
                row => (Kind: row.GetString(0), Id: row.GetString(1))),
            cancellationToken);
        if (rows.Count == 0)
        {
            return CitationFilter.AllowAll;
        }

        var sources = rows.Where(r => r.Kind == "source").Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var excerpts = rows.Where(r => r.Kind == "excerpt").Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        return new CitationFilter(sources, excerpts);
    }
}
