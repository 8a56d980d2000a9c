using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StoryBot.Core;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.State.Storage;

namespace StoryBot.State.Moderation;

/// <summary>
/// Keeps withdrawn excerpts tied to their words as the pack changes: at start and after every
/// reload, a withdrawal made before quote keys were kept gets its key while the pack still has the
/// id, and a withdrawn quote that the pack now holds under another id is logged (it stays withdrawn:
/// <see cref="StoreCitationPolicy"/> matches it by its words).
/// </summary>
internal sealed partial class WithdrawnExcerptsWatch(
    IStateDatabase database,
    IKnowledgeProvider knowledge,
    ILogger<WithdrawnExcerptsWatch> logger,
    IKnowledgePackChanges? changes = null) : BackgroundService, IFinishingWorker
{
    /// <summary>Checks <paramref name="pack"/> against the withdrawals; returns the renamed ones as (old id, new id).</summary>
    public async Task<IReadOnlyList<(string Withdrawn, string NowCalled)>> CheckAsync(KnowledgePack pack, CancellationToken cancellationToken)
    {
        var rows = await database.ReadAsync(
            session => session.QueryAsync(
                "SELECT target_id, quote_key FROM disabled_citations WHERE target_kind = 'excerpt'",
                row => (Id: row.GetString(0), QuoteKey: row.IsDBNull(1) ? null : row.GetString(1))),
            cancellationToken);

        foreach (var row in rows.Where(r => r.QuoteKey is null))
        {
            if (DisabledCitations.QuoteKeyOf(pack, CitationTarget.Excerpt(row.Id)) is { } key)
            {
                await database.WriteAsync(
                    session => session.ExecuteAsync(
                        "UPDATE disabled_citations SET quote_key = @key WHERE target_kind = 'excerpt' AND target_id = @id AND quote_key IS NULL",
                        ("key", key),
                        ("id", row.Id)),
                    cancellationToken);
            }
        }

        var byQuote = pack.Excerpts.ToLookup(e => CitationFilter.QuoteKey(e.Quote), StringComparer.Ordinal);
        var renamed = rows
            .Where(r => r.QuoteKey is not null && !pack.TryGetExcerpt(r.Id, out _))
            .SelectMany(r => byQuote[r.QuoteKey!].Select(e => (Withdrawn: r.Id, NowCalled: e.Id)))
            .ToList();
        foreach (var (withdrawn, nowCalled) in renamed)
        {
            LogRenamed(withdrawn, nowCalled);
        }

        return renamed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (changes is not null)
        {
            changes.PackSwapped += (_, swapped) => _ = CheckLoggingFailuresAsync(swapped.Current, stoppingToken);
        }

        await CheckLoggingFailuresAsync(knowledge.Current, stoppingToken);
    }

    private async Task CheckLoggingFailuresAsync(KnowledgePack pack, CancellationToken cancellationToken)
    {
        try
        {
            await CheckAsync(pack, cancellationToken);
        }
        catch (StateUnavailableException)
        {
            // The outage is logged once where it is noticed; the policy reads keys from the pack meanwhile.
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogCheckFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Withdrawn excerpt {Withdrawn} is in the knowledge pack again as {NowCalled}; it stays withdrawn")]
    private partial void LogRenamed(string withdrawn, string nowCalled);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checking withdrawn excerpts against the knowledge pack failed; they stay withdrawn by id and by the keys already kept")]
    private partial void LogCheckFailed(Exception exception);
}
