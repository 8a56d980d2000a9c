using StoryBot.State.Storage;

namespace StoryBot.State.Moderation;

/// <summary>
/// Queue changes made inside the moderator's own transaction, so a disable and the corrections
/// it calls for are committed together: a crash right after still corrects after restart.
/// </summary>
internal static class CorrectionQueueSql
{
    /// <summary>Queues a correction for every answer since <paramref name="since"/> that cites the target.</summary>
    public static Task<int> EnqueueAsync(StateSession session, CitationTarget target, long since, long now)
    {
        // The column name comes from the enum, never from user input.
        var column = target.Kind == TargetKind.Source ? "source_id" : "excerpt_id";
        return session.ExecuteAsync(
            $"""
            INSERT INTO corrections (answer_id, target_kind, target_id, status, mode, attempts, next_attempt_at, created_at, updated_at)
            SELECT DISTINCT c.answer_id, @kind, @id, 'pending', 'edit', 0, @now, @now, @now
            FROM answer_citations c JOIN answers a ON a.id = c.answer_id
            WHERE c.{column} = @id AND a.posted_at >= @since
            ON CONFLICT (answer_id, target_kind, target_id) DO UPDATE
                SET status = 'pending', mode = 'edit', attempts = 0, next_attempt_at = @now, last_error = NULL, updated_at = @now
                WHERE corrections.status = 'cancelled'
            """,
            ("kind", target.KindCode),
            ("id", target.Id),
            ("since", since),
            ("now", now));
    }

    // For the answers recorded in one batch; a citation of a withdrawn excerpt or source, or of both, is one row per target.
    private static readonly MultiRowStatement<long> ForDisabled = new(
        """
        INSERT INTO corrections (answer_id, target_kind, target_id, status, mode, attempts, next_attempt_at, created_at, updated_at)
        SELECT DISTINCT c.answer_id, d.target_kind, d.target_id, 'pending', 'edit', 0, @now, @now, @now
        FROM answer_citations c
        JOIN disabled_citations d
          ON (d.target_kind = 'excerpt' AND d.target_id = c.excerpt_id) OR (d.target_kind = 'source' AND d.target_id = c.source_id)
        WHERE c.answer_id IN (SELECT column1 FROM (VALUES {rows}) AS recorded)
        ON CONFLICT (answer_id, target_kind, target_id) DO NOTHING
        RETURNING answer_id
        """,
        ("answer", id => id));

    /// <summary>
    /// Queues corrections for answers recorded just now that cite something already disabled:
    /// composed before a disable and posted after it, they would otherwise escape correction.
    /// </summary>
    /// <returns>How many were queued, by answer (those with none are left out).</returns>
    public static async Task<IReadOnlyDictionary<long, int>> EnqueueForDisabledAsync(StateSession session, IReadOnlyList<long> answerIds, long now)
    {
        var queued = await ForDisabled.QueryAsync(session, answerIds, row => row.GetInt64(0), ("now", now));
        return queued.CountBy(id => id).ToDictionary();
    }

    /// <summary>A target enabled again before its corrections ran no longer needs them.</summary>
    public static Task<int> CancelPendingAsync(StateSession session, CitationTarget target, long now) =>
        session.ExecuteAsync(
            """
            UPDATE corrections SET status = 'cancelled', updated_at = @now
            WHERE target_kind = @kind AND target_id = @id AND status = 'pending'
            """,
            ("kind", target.KindCode),
            ("id", target.Id),
            ("now", now));
}
