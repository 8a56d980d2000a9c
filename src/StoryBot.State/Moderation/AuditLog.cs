using System.Data.Common;
using StoryBot.State.Storage;

namespace StoryBot.State.Moderation;

public sealed record AuditEntry(long Id, Actor Actor, string Action, string? Target, string? Reason, DateTimeOffset At);

/// <summary>Every moderator action and every correction, appended and never changed.</summary>
public sealed class AuditLog(IStateDatabase database, TimeProvider time, DeferredStateWrites deferred)
{
    private const string Columns = "id, platform, actor_id, action, target, reason, occurred_at";

    public static class Actions
    {
        public const string Disable = "disable";
        public const string Enable = "enable";
        public const string Refused = "refused";
        public const string Report = "report";
        public const string ResolveDismiss = "resolve-dismiss";
        public const string ResolveDisable = "resolve-disable";
        public const string CorrectionEdited = "correction-edited";
        public const string CorrectionPosted = "correction-posted";
        public const string CorrectionFailed = "correction-failed";
        public const string MarkForPack = "mark-for-pack";
        public const string UnmarkForPack = "unmark-for-pack";
        public const string ChannelStory = "channel-story";
    }

    /// <summary>
    /// Appends an entry that changes nothing else (a refusal). It waits with the other writes
    /// while the store cannot be reached, keeping the time it was made: the refusal itself needs no store.
    /// </summary>
    public Task AppendAsync(Actor actor, string action, string? target, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return deferred.RunAsync(AuditEntryWrite.Of(actor, action, target, reason, time.Now()), cancellationToken);
    }

    public Task<IReadOnlyList<AuditEntry>> LatestAsync(int count, CancellationToken cancellationToken) =>
        PageAsync(0, count, cancellationToken);

    /// <summary>A page of the log, newest first.</summary>
    public Task<IReadOnlyList<AuditEntry>> PageAsync(int offset, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync(
            session => session.QueryAsync(
                $"SELECT {Columns} FROM audit_log ORDER BY id DESC LIMIT @limit OFFSET @offset",
                Read,
                ("limit", (long)limit),
                ("offset", (long)offset)),
            cancellationToken);

    /// <summary>What was done to one source or excerpt, newest first (its withdrawals and restorations).</summary>
    public Task<IReadOnlyList<AuditEntry>> ForTargetAsync(CitationTarget target, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync(
            session => session.QueryAsync(
                $"SELECT {Columns} FROM audit_log WHERE target = @target ORDER BY id DESC LIMIT @limit",
                Read,
                ("target", target.ToString()),
                ("limit", (long)limit)),
            cancellationToken);

    /// <summary>Appends within a transaction that also changes what the entry records.</summary>
    internal static Task<int> AppendAsync(StateSession session, TimeProvider time, Actor actor, string action, string? target, string? reason) =>
        AppendAsync(session, time.Now(), actor, action, target, reason, writeId: null);

    /// <param name="writeId">The <see cref="StateWrite.Id"/> of an entry that waited for the store, so that it is appended once.</param>
    internal static async Task<int> AppendAsync(StateSession session, long at, Actor actor, string action, string? target, string? reason, string? writeId) =>
        await session.ExecuteAsync(
            """
            INSERT INTO audit_log (actor_id, platform, action, target, reason, occurred_at, write_id)
            VALUES (@actor, @platform, @action, @target, @reason, @at, @write)
            ON CONFLICT (write_id) DO NOTHING
            """,
            ("actor", actor.UserId),
            ("platform", actor.Platform),
            ("action", action),
            ("target", target),
            ("reason", reason),
            ("at", at),
            ("write", writeId));

    private static AuditEntry Read(DbDataReader row) => new(
        row.GetInt64(0),
        new Actor(row.GetString(1), row.GetString(2)),
        row.GetString(3),
        row.IsDBNull(4) ? null : row.GetString(4),
        row.IsDBNull(5) ? null : row.GetString(5),
        StateTime.FromStored(row.GetInt64(6)));
}
