using System.Data.Common;
using Microsoft.Extensions.Options;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.State.Storage;

namespace StoryBot.State.Moderation;

public enum ChangeOutcome
{
    Changed,

    /// <summary>Already in the requested state; nothing was written.</summary>
    Unchanged,
}

/// <summary>The result of a disable: whether it changed anything and how many posted answers it corrects.</summary>
public sealed record DisableResult(ChangeOutcome Outcome, int CorrectionsQueued);

/// <summary>
/// Which sources and excerpts moderators withdrew. A disable, its audit entry and the
/// corrections it calls for are one durable transaction.
/// </summary>
public sealed class DisabledCitations(
    IStateDatabase database,
    IKnowledgeProvider knowledge,
    TimeProvider time,
    IOptions<ModerationStateOptions> options,
    CorrectionSignal signal)
{
    public async Task<DisableResult> DisableAsync(Actor actor, CitationTarget target, string reason, CancellationToken cancellationToken)
    {
        var quoteKey = QuoteKeyOf(knowledge.Current, target);
        var result = await database.WriteAsync(
            session => DisableAsync(session, time, options.Value, actor, target, quoteKey, reason, AuditLog.Actions.Disable),
            cancellationToken);
        if (result.CorrectionsQueued > 0)
        {
            signal.Nudge();
        }

        return result;
    }

    /// <summary>
    /// Lifts a withdrawal. An excerpt is found by its id or, when a later pack renamed it, by its
    /// words: enabling the id the pack uses now lifts the withdrawal made under the old one.
    /// </summary>
    public Task<ChangeOutcome> EnableAsync(Actor actor, CitationTarget target, CancellationToken cancellationToken)
    {
        var quoteKey = QuoteKeyOf(knowledge.Current, target);
        return database.WriteAsync(
            async session =>
            {
                var now = time.Now();
                var withdrawn = await session.QueryAsync(
                    "SELECT target_id FROM disabled_citations WHERE target_kind = @kind AND (target_id = @id OR quote_key = @quote)",
                    row => row.GetString(0),
                    ("kind", target.KindCode),
                    ("id", target.Id),
                    ("quote", quoteKey ?? string.Empty));
                if (withdrawn.Count == 0)
                {
                    return ChangeOutcome.Unchanged;
                }

                foreach (var id in withdrawn)
                {
                    var lifted = new CitationTarget(target.Kind, id);
                    await session.ExecuteAsync(
                        "DELETE FROM disabled_citations WHERE target_kind = @kind AND target_id = @id",
                        ("kind", lifted.KindCode),
                        ("id", lifted.Id));
                    await CorrectionQueueSql.CancelPendingAsync(session, lifted, now);
                }

                await AuditLog.AppendAsync(session, time, actor, AuditLog.Actions.Enable, target.ToString(), null);
                return ChangeOutcome.Changed;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<DisabledCitation>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(
            session => session.QueryAsync(
                "SELECT target_kind, target_id, platform, disabled_by, reason, disabled_at FROM disabled_citations ORDER BY target_kind, target_id",
                Read),
            cancellationToken);

    /// <summary>The <see cref="CitationFilter.QuoteKey"/> of an excerpt the pack has, or null.</summary>
    internal static string? QuoteKeyOf(KnowledgePack pack, CitationTarget target) =>
        target.Kind == TargetKind.Excerpt && pack.TryGetExcerpt(target.Id, out var excerpt) ? CitationFilter.QuoteKey(excerpt.Quote) : null;

    /// <summary>Disables within a larger transaction (resolving a report).</summary>
    /// <param name="quoteKey">The excerpt's quote key, which keeps it withdrawn under another id.</param>
    internal static async Task<DisableResult> DisableAsync(
        StateSession session,
        TimeProvider time,
        ModerationStateOptions options,
        Actor actor,
        CitationTarget target,
        string? quoteKey,
        string reason,
        string auditAction)
    {
        var now = time.Now();
        var inserted = await session.ExecuteAsync(
            """
            INSERT INTO disabled_citations (target_kind, target_id, platform, disabled_by, reason, disabled_at, quote_key)
            VALUES (@kind, @id, @platform, @by, @reason, @at, @quote)
            ON CONFLICT (target_kind, target_id) DO NOTHING
            """,
            ("kind", target.KindCode),
            ("id", target.Id),
            ("platform", actor.Platform),
            ("by", actor.UserId),
            ("reason", reason),
            ("at", now),
            ("quote", quoteKey));
        if (inserted == 0)
        {
            return new DisableResult(ChangeOutcome.Unchanged, 0);
        }

        var since = now - (long)options.AnswerRetention.TotalMilliseconds;
        var queued = await CorrectionQueueSql.EnqueueAsync(session, target, since, now);
        await AuditLog.AppendAsync(session, time, actor, auditAction, target.ToString(), reason);
        return new DisableResult(ChangeOutcome.Changed, queued);
    }

    private static DisabledCitation Read(DbDataReader row) => new(
        new CitationTarget(CitationTarget.ParseKind(row.GetString(0)), row.GetString(1)),
        new Actor(row.GetString(2), row.GetString(3)),
        row.GetString(4),
        StateTime.FromStored(row.GetInt64(5)));
}
