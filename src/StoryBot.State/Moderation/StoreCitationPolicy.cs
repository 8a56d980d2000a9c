using System.Collections.Concurrent;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.State.Storage;

namespace StoryBot.State.Moderation;

/// <summary>
/// The disabled sets as the store has them at every answer: each answer reads one number that
/// every change to the withdrawals bumps (a trigger in the store), and the withdrawals themselves
/// only when it moved, so a disable on any instance sharing the database holds from the next
/// answer on. A withdrawn excerpt is withdrawn by id and by its words: under another id in a
/// later pack it stays withdrawn. While the store cannot be reached, answers use the sets last
/// read: moderators cannot change them then either, and answering goes on. The sets last read are
/// kept per story served, as quote keys of old rows come from the story's pack.
/// </summary>
public sealed class StoreCitationPolicy(IStateDatabase database, IKnowledgeProvider knowledge, StoreReachability reachability) : ICitationPolicy
{
    private readonly ConcurrentDictionary<string, Known> _lastRead = new(StringComparer.Ordinal);

    public async ValueTask<CitationFilter> GetFilterAsync(CancellationToken cancellationToken)
    {
        var pack = knowledge.Current;
        var story = pack.Story.Id;

        // Not even tried during a known outage: each try would cost an answer a connection attempt.
        if (!reachability.IsReachable && _lastRead.TryGetValue(story, out var known))
        {
            return known.Filter;
        }

        try
        {
            var read = await database.ReadAsync(
                async session =>
                {
                    // One snapshot: the number and the rows it counts are read together.
                    var version = await session.ScalarAsync<long>("SELECT version FROM citation_filter_version WHERE id = 1");
                    return _lastRead.TryGetValue(story, out var last) && last.Version == version && ReferenceEquals(last.Pack, pack)
                        ? last
                        : new Known(version, pack, await ReadAsync(session, pack));
                },
                cancellationToken);
            _lastRead[story] = read;
            return read.Filter;
        }
        catch (StateUnavailableException) when (_lastRead.TryGetValue(story, out var last))
        {
            return last.Filter;
        }
    }

    private static async Task<CitationFilter> ReadAsync(StateSession session, KnowledgePack pack)
    {
        var rows = await session.QueryAsync(
            "SELECT target_kind, target_id, quote_key FROM disabled_citations",
            row => (Kind: row.GetString(0), Id: row.GetString(1), QuoteKey: row.IsDBNull(2) ? null : row.GetString(2)));
        if (rows.Count == 0)
        {
            return CitationFilter.AllowAll;
        }

        var sources = rows.Where(r => r.Kind == "source").Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var excerpts = rows.Where(r => r.Kind == "excerpt").ToList();

        // Rows from before quote keys were kept get theirs from the pack while it still has the id.
        var quotes = excerpts
            .Select(r => r.QuoteKey ?? DisabledCitations.QuoteKeyOf(pack, CitationTarget.Excerpt(r.Id)))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        return new CitationFilter(sources, excerpts.Select(r => r.Id).ToHashSet(StringComparer.Ordinal)) { DisabledQuotes = quotes };
    }

    /// <summary>The sets read at <paramref name="Version"/> of the withdrawals, for <paramref name="Pack"/> (quote keys of old rows come from it).</summary>
    private sealed record Known(long Version, KnowledgePack Pack, CitationFilter Filter);
}
