using System.Data.Common;
using Microsoft.Extensions.Options;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.State.Storage;

namespace StoryBot.State.Moderation;

public enum ReportStatus
{
    Open,
    Dismissed,
    Actioned,
}

public enum ReportResolution
{
    Dismiss,

    /// <summary>Disable the excerpts the reported answer cites (or one of them).</summary>
    Disable,
}

/// <summary>A reader's report of an answer.</summary>
public sealed record Report(
    long Id,
    Actor Reporter,
    string ChannelId,
    long? AnswerId,
    string MessageId,
    string? Question,
    string? Reason,
    ReportStatus Status,
    DateTimeOffset At);

public enum ResolveOutcome
{
    Resolved,
    NotFound,
    AlreadyResolved,

    /// <summary>The answer is no longer on record, or cites nothing that can still be disabled.</summary>
    NothingToDisable,

    /// <summary>The excerpt named is not one the reported answer cites.</summary>
    ExcerptNotCited,
}

public sealed record ResolveResult(ResolveOutcome Outcome, IReadOnlyList<CitationTarget> Disabled, int CorrectionsQueued);

/// <summary>Reports from readers, waiting for a moderator.</summary>
public sealed class ReaderReports(
    IStateDatabase database,
    IKnowledgeProvider knowledge,
    TimeProvider time,
    IOptions<ModerationStateOptions> options,
    CorrectionSignal signal) : IOpenReports
{
    private const string Columns =
        "r.id, r.platform, r.reporter_id, r.channel_id, r.answer_id, r.message_id, a.question, r.reason, r.status, r.created_at";

    public event EventHandler? Changed;

    public Task<int> CountAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(
            async session => (int)(await session.ScalarAsync<long?>("SELECT COUNT(*) FROM reports WHERE status = 'open'") ?? 0),
            cancellationToken);

    /// <summary>Files a report; a reader reporting the same answer twice gets the open report back.</summary>
    public async Task<Report> FileAsync(Actor reporter, RecordedAnswer answer, string? reason, CancellationToken cancellationToken)
    {
        var report = await FileOnceAsync(reporter, answer, reason, cancellationToken);
        Changed?.Invoke(this, EventArgs.Empty);
        return report;
    }

    private Task<Report> FileOnceAsync(Actor reporter, RecordedAnswer answer, string? reason, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async session =>
            {
                var existing = await session.ScalarAsync<long?>(
                    """
                    SELECT id FROM reports
                    WHERE answer_id = @answer AND reporter_id = @reporter AND platform = @platform AND status = 'open'
                    """,
                    ("answer", answer.Id),
                    ("reporter", reporter.UserId),
                    ("platform", reporter.Platform));
                var id = existing ?? await session.ScalarAsync<long>(
                    """
                    INSERT INTO reports (platform, channel_id, reporter_id, answer_id, message_id, reason, status, created_at)
                    VALUES (@platform, @channel, @reporter, @answer, @message, @reason, 'open', @at)
                    RETURNING id
                    """,
                    ("platform", reporter.Platform),
                    ("channel", answer.Message.ChannelId),
                    ("reporter", reporter.UserId),
                    ("answer", answer.Id),
                    ("message", answer.Message.MessageId),
                    ("reason", reason),
                    ("at", time.Now()));
                if (existing is null)
                {
                    await AuditLog.AppendAsync(session, time, reporter, AuditLog.Actions.Report, $"report #{id} answer {answer.Message.MessageId}", reason);
                }

                return (await FindAsync(session, id))!;
            },
            cancellationToken);

    public Task<IReadOnlyList<Report>> OpenAsync(int limit, CancellationToken cancellationToken) =>
        PageAsync(ReportStatus.Open, 0, limit, cancellationToken);

    /// <summary>A page of the reports in one status, oldest first (the order they wait in).</summary>
    /// <param name="story">Only reports of answers given from this story; null for every report. An answer
    /// no longer on record has no story, so its report is left out of every story's page.</param>
    public Task<IReadOnlyList<Report>> PageAsync(ReportStatus status, int offset, int limit, CancellationToken cancellationToken, string? story = null)
    {
        // Answers recorded before they kept their story (NULL) were the default story's (AnswerLog).
        var ofStory = story is null ? string.Empty
            : story == knowledge.DefaultStoryId() ? " AND (a.story_id = @story OR (a.id IS NOT NULL AND a.story_id IS NULL))"
            : " AND a.story_id = @story";
        (string, object?)[] parameters = [("status", StatusCode(status)), ("limit", (long)limit), ("offset", (long)offset), .. story is null ? [] : new[] { ("story", (object?)story) }];
        return database.ReadAsync(
            session => session.QueryAsync(
                $"SELECT {Columns} FROM reports r LEFT JOIN answers a ON a.id = r.answer_id WHERE r.status = @status{ofStory} ORDER BY r.id LIMIT @limit OFFSET @offset",
                Read,
                parameters),
            cancellationToken);
    }

    public Task<Report?> FindAsync(long id, CancellationToken cancellationToken) =>
        database.ReadAsync(session => FindAsync(session, id), cancellationToken);

    /// <param name="excerptId">With <see cref="ReportResolution.Disable"/>: only this cited excerpt; null for all of them.</param>
    /// <param name="note">The moderator's note, kept in the audit entry of the resolution.</param>
    public async Task<ResolveResult> ResolveAsync(
        Actor moderator, long id, ReportResolution resolution, string? excerptId, string? note, CancellationToken cancellationToken)
    {
        var pack = knowledge.Current;
        var result = await database.WriteAsync(
            session => ResolveAsync(session, pack, moderator, id, resolution, excerptId, note),
            cancellationToken);
        if (result.CorrectionsQueued > 0)
        {
            signal.Nudge();
        }

        if (result.Outcome == ResolveOutcome.Resolved)
        {
            Changed?.Invoke(this, EventArgs.Empty);
        }

        return result;
    }

    private async Task<ResolveResult> ResolveAsync(
        StateSession session, KnowledgePack pack, Actor moderator, long id, ReportResolution resolution, string? excerptId, string? note)
    {
        var report = await FindAsync(session, id);
        if (report is null)
        {
            return new ResolveResult(ResolveOutcome.NotFound, [], 0);
        }

        if (report.Status != ReportStatus.Open)
        {
            return new ResolveResult(ResolveOutcome.AlreadyResolved, [], 0);
        }

        var disabled = new List<CitationTarget>();
        var queued = 0;
        if (resolution == ReportResolution.Disable)
        {
            var cited = report.AnswerId is { } answerId ? await AnswerLog.CitedExcerptsAsync(session, answerId) : [];
            if (excerptId is not null && !cited.Contains(excerptId, StringComparer.Ordinal))
            {
                return new ResolveResult(ResolveOutcome.ExcerptNotCited, [], 0);
            }

            var reason = report.Reason is null ? $"report #{id}" : $"report #{id}: {report.Reason}";
            foreach (var excerpt in excerptId is null ? cited : [excerptId])
            {
                var target = CitationTarget.Excerpt(excerpt);
                var change = await DisabledCitations.DisableAsync(
                    session, time, options.Value, moderator, target, DisabledCitations.QuoteKeyOf(pack, target), reason, AuditLog.Actions.Disable);
                if (change.Outcome == ChangeOutcome.Changed)
                {
                    disabled.Add(target);
                    queued += change.CorrectionsQueued;
                }
            }

            if (disabled.Count == 0)
            {
                return new ResolveResult(ResolveOutcome.NothingToDisable, [], 0);
            }
        }

        var status = StatusCode(resolution == ReportResolution.Dismiss ? ReportStatus.Dismissed : ReportStatus.Actioned);
        await session.ExecuteAsync(
            "UPDATE reports SET status = @status, resolved_by = @by, resolved_at = @at WHERE id = @id",
            ("status", status),
            ("by", moderator.UserId),
            ("at", time.Now()),
            ("id", id));
        await AuditLog.AppendAsync(
            session,
            time,
            moderator,
            resolution == ReportResolution.Dismiss ? AuditLog.Actions.ResolveDismiss : AuditLog.Actions.ResolveDisable,
            $"report #{id}",
            AuditReason(disabled, note));
        return new ResolveResult(ResolveOutcome.Resolved, disabled, queued);
    }

    private static string? AuditReason(List<CitationTarget> disabled, string? note)
    {
        var ids = disabled.Count == 0 ? null : string.Join(", ", disabled.Select(t => t.Id));
        return string.IsNullOrWhiteSpace(note) ? ids : ids is null ? note : $"{ids} — {note}";
    }

    private static string StatusCode(ReportStatus status) => status switch
    {
        ReportStatus.Dismissed => "dismissed",
        ReportStatus.Actioned => "actioned",
        _ => "open",
    };

    private static Task<Report?> FindAsync(StateSession session, long id) =>
        session.QuerySingleOrDefaultAsync(
            $"SELECT {Columns} FROM reports r LEFT JOIN answers a ON a.id = r.answer_id WHERE r.id = @id",
            Read,
            ("id", id));

    private static Report Read(DbDataReader row) => new(
        row.GetInt64(0),
        new Actor(row.GetString(1), row.GetString(2)),
        row.GetString(3),
        row.IsDBNull(4) ? null : row.GetInt64(4),
        row.GetString(5),
        row.IsDBNull(6) ? null : row.GetString(6),
        row.IsDBNull(7) ? null : row.GetString(7),
        row.GetString(8) switch
        {
            "dismissed" => ReportStatus.Dismissed,
            "actioned" => ReportStatus.Actioned,
            _ => ReportStatus.Open,
        },
        StateTime.FromStored(row.GetInt64(9)));
}
