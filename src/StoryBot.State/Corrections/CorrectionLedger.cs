using System.Data.Common;
using StoryBot.Core.Knowledge;
using StoryBot.State.Moderation;
using StoryBot.State.Storage;

namespace StoryBot.State.Corrections;

/// <summary>One correction ready to run: the answer as first posted and everything withdrawn from it so far.</summary>
internal sealed record CorrectionWork(CorrectionRecord Correction, RecordedAnswer? Answer, IReadOnlyList<CitationTarget> Withdrawn);

/// <summary>The step a finished attempt leads to, written with the attempt in one transaction.</summary>
internal sealed record CorrectionStep(
    string Outcome,
    string? Error,
    CorrectionStatus Status,
    CorrectionMode Mode,
    DateTimeOffset NextAttemptAt,
    bool ResetAttempts,
    string? AuditAction,
    string? AuditTarget,
    string? AuditReason);

/// <summary>The durable correction queue: what is due, who works on it, and every attempt made.</summary>
public sealed class CorrectionLedger(IStateDatabase database, TimeProvider time, IKnowledgeProvider knowledge)
{
    private const string Columns = "id, answer_id, target_kind, target_id, status, mode, attempts, next_attempt_at, last_error";

    public Task<IReadOnlyList<CorrectionRecord>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(session => session.QueryAsync($"SELECT {Columns} FROM corrections ORDER BY id", Read), cancellationToken);

    public Task<IReadOnlyList<CorrectionAttempt>> AttemptsAsync(long correctionId, CancellationToken cancellationToken) =>
        database.ReadAsync(
            session => session.QueryAsync(
                "SELECT correction_id, mode, outcome, error, attempted_at FROM correction_attempts WHERE correction_id = @id ORDER BY id",
                row => new CorrectionAttempt(
                    row.GetInt64(0),
                    ParseMode(row.GetString(1)),
                    row.GetString(2),
                    row.IsDBNull(3) ? null : row.GetString(3),
                    StateTime.FromStored(row.GetInt64(4))),
                ("id", correctionId)),
            cancellationToken);

    /// <summary>
    /// Corrections due now for answers on <paramref name="platforms"/> (the ones this instance can
    /// reach), and those whose answer is gone. The rest wait for an instance that serves their platform.
    /// </summary>
    internal Task<IReadOnlyList<long>> DueAsync(DateTimeOffset now, IReadOnlyCollection<string> platforms, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync(
            session => session.QueryAsync(
                $"""
                SELECT c.id FROM corrections c LEFT JOIN answers a ON a.id = c.answer_id
                WHERE c.status = 'pending' AND c.next_attempt_at <= @now AND {Reachable(platforms)}
                ORDER BY c.next_attempt_at, c.id LIMIT @limit
                """,
                row => row.GetInt64(0),
                [("now", now.ToUnixTimeMilliseconds()), ("limit", (long)limit), .. PlatformParameters(platforms)]),
            cancellationToken);

    internal async Task<DateTimeOffset?> NextDueAsync(IReadOnlyCollection<string> platforms, CancellationToken cancellationToken)
    {
        var next = await database.ReadAsync(
            session => session.ScalarAsync<long?>(
                $"""
                SELECT MIN(c.next_attempt_at) FROM corrections c LEFT JOIN answers a ON a.id = c.answer_id
                WHERE c.status = 'pending' AND {Reachable(platforms)}
                """,
                PlatformParameters(platforms)),
            cancellationToken);
        return next is { } value ? StateTime.FromStored(value) : null;
    }

    /// <summary>
    /// Takes a due correction for this instance until <paramref name="leaseUntil"/>: another
    /// instance sees it as not due, and after a crash it becomes due again when the lease ends.
    /// </summary>
    internal Task<bool> TryClaimAsync(long id, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async session => await session.ExecuteAsync(
                """
                UPDATE corrections SET attempts = attempts + 1, next_attempt_at = @lease, updated_at = @now
                WHERE id = @id AND status = 'pending' AND next_attempt_at <= @now
                """,
                ("id", id),
                ("lease", leaseUntil.ToUnixTimeMilliseconds()),
                ("now", now.ToUnixTimeMilliseconds())) == 1,
            cancellationToken);

    /// <summary>Undoes a claim whose attempt was interrupted by shutdown: due again now, the attempt not counted.</summary>
    internal Task ReleaseAsync(long id, CancellationToken cancellationToken) =>
        database.WriteAsync(
            session => session.ExecuteAsync(
                """
                UPDATE corrections SET attempts = attempts - 1, next_attempt_at = @now, updated_at = @now
                WHERE id = @id AND status = 'pending' AND attempts > 0
                """,
                ("id", id),
                ("now", time.Now())),
            cancellationToken);

    internal Task<CorrectionWork?> LoadAsync(long id, CancellationToken cancellationToken) =>
        database.ReadAsync(
            async session =>
            {
                var correction = await session.QuerySingleOrDefaultAsync($"SELECT {Columns} FROM corrections WHERE id = @id", Read, ("id", id));
                if (correction is null)
                {
                    return null;
                }

                var answer = await AnswerLog.FindAsync(session, correction.AnswerId, knowledge.DefaultStoryId());
                var withdrawn = await session.QueryAsync(
                    "SELECT target_kind, target_id FROM corrections WHERE answer_id = @answer AND status <> 'cancelled' ORDER BY id",
                    row => new CitationTarget(CitationTarget.ParseKind(row.GetString(0)), row.GetString(1)),
                    ("answer", correction.AnswerId));
                return new CorrectionWork(correction, answer, withdrawn);
            },
            cancellationToken);

    internal Task RecordAsync(CorrectionRecord correction, CorrectionStep step, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async session =>
            {
                var now = time.Now();
                await session.ExecuteAsync(
                    """
                    INSERT INTO correction_attempts (correction_id, mode, outcome, error, attempted_at)
                    VALUES (@id, @mode, @outcome, @error, @now)
                    """,
                    ("id", correction.Id),
                    ("mode", ModeCode(correction.Mode)),
                    ("outcome", step.Outcome),
                    ("error", step.Error),
                    ("now", now));

                // Only while still pending: an enable may have cancelled it meanwhile.
                await session.ExecuteAsync(
                    $"""
                    UPDATE corrections
                    SET status = @status, mode = @mode, next_attempt_at = @next, last_error = @error, updated_at = @now
                        {(step.ResetAttempts ? ", attempts = 0" : string.Empty)}
                    WHERE id = @id AND status = 'pending'
                    """,
                    ("status", StatusCode(step.Status)),
                    ("mode", ModeCode(step.Mode)),
                    ("next", step.NextAttemptAt.ToUnixTimeMilliseconds()),
                    ("error", step.Error),
                    ("now", now),
                    ("id", correction.Id));
                if (step.AuditAction is not null)
                {
                    await AuditLog.AppendAsync(session, time, Actor.System, step.AuditAction, step.AuditTarget, step.AuditReason);
                }

                return 0;
            },
            cancellationToken);

    /// <summary>The condition on the joined answer <c>a</c>; the names are generated, the values bound.</summary>
    private static string Reachable(IReadOnlyCollection<string> platforms) =>
        platforms.Count == 0
            ? "a.id IS NULL"
            : $"(a.id IS NULL OR a.platform IN ({string.Join(", ", platforms.Select((_, i) => $"@platform{i}"))}))";

    private static (string Name, object? Value)[] PlatformParameters(IReadOnlyCollection<string> platforms) =>
        [.. platforms.Select((platform, i) => ($"platform{i}", (object?)platform))];

    private static string StatusCode(CorrectionStatus status) => status.ToString().ToLowerInvariant();

    private static string ModeCode(CorrectionMode mode) => mode == CorrectionMode.Post ? "post" : "edit";

    private static CorrectionMode ParseMode(string code) => code == "post" ? CorrectionMode.Post : CorrectionMode.Edit;

    private static CorrectionRecord Read(DbDataReader row) => new(
        row.GetInt64(0),
        row.GetInt64(1),
        new CitationTarget(CitationTarget.ParseKind(row.GetString(2)), row.GetString(3)),
        Enum.Parse<CorrectionStatus>(row.GetString(4), ignoreCase: true),
        ParseMode(row.GetString(5)),
        (int)row.GetInt64(6),
        StateTime.FromStored(row.GetInt64(7)),
        row.IsDBNull(8) ? null : row.GetString(8));
}
