using StoryBot.Core.Conversation;
using StoryBot.State.Storage;

namespace StoryBot.State.Moderation;

/// <summary>
/// Reads the disabled sets from the store on every answer: one small indexed query, and no
/// in-process cache, so a disable on any instance sharing the database holds from the next
/// answer on. While the store cannot be reached, answers use the sets last read: moderators
/// cannot change them then either, and answering goes on.
/// </summary>
public sealed class StoreCitationPolicy(IStateDatabase database, StoreReachability reachability) : ICitationPolicy
{
    private volatile CitationFilter? _lastRead;

    public async ValueTask<CitationFilter> GetFilterAsync(CancellationToken cancellationToken)
    {
        // Not even tried during a known outage: each try would cost an answer a connection attempt.
        if (!reachability.IsReachable && _lastRead is { } known)
        {
            return known;
        }

        try
        {
            return _lastRead = await ReadAsync(cancellationToken);
        }
        catch (StateUnavailableException) when (_lastRead is not null)
        {
            return _lastRead;
        }
    }

    private async Task<CitationFilter> ReadAsync(CancellationToken cancellationToken)
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
