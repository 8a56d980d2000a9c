using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.State.Storage;

namespace StoryBot.State.Moderation;

/// <summary>
/// Reads the disabled sets from the store on every answer: one small indexed query, and no
/// in-process cache, so a disable on any instance sharing the database holds from the next
/// answer on. A withdrawn excerpt is withdrawn by id and by its words: under another id in a
/// later pack it stays withdrawn. While the store cannot be reached, answers use the sets last
/// read: moderators cannot change them then either, and answering goes on.
/// </summary>
public sealed class StoreCitationPolicy(IStateDatabase database, IKnowledgeProvider knowledge, StoreReachability reachability) : ICitationPolicy
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
                "SELECT target_kind, target_id, quote_key FROM disabled_citations",
                row => (Kind: row.GetString(0), Id: row.GetString(1), QuoteKey: row.IsDBNull(2) ? null : row.GetString(2))),
            cancellationToken);
        if (rows.Count == 0)
        {
            return CitationFilter.AllowAll;
        }

        var pack = knowledge.Current;
        var sources = rows.Where(r => r.Kind == "source").Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var excerpts = rows.Where(r => r.Kind == "excerpt").ToList();

        // Rows from before quote keys were kept get theirs from the pack while it still has the id.
        var quotes = excerpts
            .Select(r => r.QuoteKey ?? DisabledCitations.QuoteKeyOf(pack, CitationTarget.Excerpt(r.Id)))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        return new CitationFilter(sources, excerpts.Select(r => r.Id).ToHashSet(StringComparer.Ordinal)) { DisabledQuotes = quotes };
    }
}
