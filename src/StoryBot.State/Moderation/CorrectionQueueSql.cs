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

    /// <summary>
    /// Queues corrections for an answer recorded just now that cites something already disabled:
    /// composed before a disable and posted after it, it would otherwise escape correction.
    /// </summary>
    public static Task<int> EnqueueForDisabledAsync(StateSession session, long answerId, long now) =>
        session.ExecuteAsync(
            """
            INSERT INTO corrections (answer_id, target_kind, target_id, status, mode, attempts, next_attempt_at, created_at, updated_at)
            SELECT @answer, d.target_kind, d.target_id, 'pending', 'edit', 0, @now, @now, @now
            FROM disabled_citations d
            WHERE (d.target_kind = 'excerpt' AND d.target_id IN (SELECT excerpt_id FROM answer_citations WHERE answer_id = @answer))
               OR (d.target_kind = 'source' AND d.target_id IN (SELECT source_id FROM answer_citations WHERE answer_id = @answer))
            ON CONFLICT (answer_id, target_kind, target_id) DO NOTHING
            """,
            ("answer", answerId),
            ("now", now));

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
