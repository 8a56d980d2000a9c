using System.Data.Common;
using System.Globalization;
using StoryBot.Core.Conversation;
using StoryBot.State.Storage;

namespace StoryBot.State.Summaries;

/// <summary>
/// The ledger in the state database (SQLite or PostgreSQL). The primary key (schedule, slot_utc)
/// plus <c>INSERT ... ON CONFLICT DO NOTHING</c> decides the one claimant; take-overs and closes
/// are conditional UPDATEs whose row count says whether this caller won.
/// </summary>
internal sealed class SqlSummaryLedger(IStateDatabase database) : ISummaryLedger, ISummaryHistory
{
    private const string Columns =
        "schedule, slot_utc, platform, channel_id, status, owner, lease_until, attempts, message_id, pack_version, excerpt_ids, detail, permalink";

    public Task<ClaimResult> TryClaimAsync(SlotClaim claim, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        database.WriteAsync(async session =>
        {
            var key = Key(claim.Slot);
            var inserted = await session.ExecuteAsync("""
                INSERT INTO summary_ledger
                    (schedule, slot_utc, slot_local, platform, channel_id, status, owner, lease_until, attempts, created_at, updated_at)
                VALUES (@schedule, @slot, @local, @platform, @channel, 'claimed', @owner, @lease, 1, @now, @now)
                ON CONFLICT (schedule, slot_utc) DO NOTHING
                """,
                key.Schedule, key.Slot, ("local", claim.LocalTime), ("platform", claim.Platform), ("channel", claim.ChannelId),
                ("owner", claim.Owner), ("lease", leaseUntil.ToUnixTimeMilliseconds()), ("now", now.ToUnixTimeMilliseconds()));
            if (inserted == 1)
            {
                return new ClaimResult(ClaimOutcome.Claimed, (await FindAsync(session, claim.Slot))!);
            }

            // A claim whose lease ran out without a recorded message id belongs to an instance
            // that stopped mid-post; the lease condition lets exactly one successor take it.
            var before = (await FindAsync(session, claim.Slot))!;
            var takenOver = await session.ExecuteAsync("""
                UPDATE summary_ledger
                SET owner = @owner, lease_until = @lease, attempts = attempts + 1, updated_at = @now
                WHERE schedule = @schedule AND slot_utc = @slot AND status = 'claimed'
                  AND message_id IS NULL AND lease_until < @now
                """,
                key.Schedule, key.Slot, ("owner", claim.Owner), ("lease", leaseUntil.ToUnixTimeMilliseconds()),
                ("now", now.ToUnixTimeMilliseconds()));

            var record = (await FindAsync(session, claim.Slot))!;
            var outcome = takenOver == 1 ? ClaimOutcome.TakenOver
                : record.Status == SlotStatus.Claimed ? ClaimOutcome.HeldElsewhere
                : ClaimOutcome.Decided;
            return new ClaimResult(outcome, record, takenOver == 1 ? before.Owner : null);
        }, cancellationToken);

    public async Task<bool> RenewAsync(SummarySlot slot, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int attempts, string? lastError, CancellationToken cancellationToken) =>
        await database.WriteAsync(session =>
        {
            var key = Key(slot);
            return session.ExecuteAsync("""
                UPDATE summary_ledger
                SET lease_until = @lease, attempts = @attempts, detail = @detail, updated_at = @now
                WHERE schedule = @schedule AND slot_utc = @slot AND status = 'claimed' AND owner = @owner
                """,
                key.Schedule, key.Slot, ("owner", owner), ("lease", leaseUntil.ToUnixTimeMilliseconds()),
                ("attempts", attempts), ("detail", lastError), ("now", now.ToUnixTimeMilliseconds()));
        }, cancellationToken) == 1;

    public async Task<bool> MarkPostedAsync(SummarySlot slot, string owner, DateTimeOffset now, PostedMessage message, string? permalink, string packVersion, IReadOnlyCollection<string> excerptIds, CancellationToken cancellationToken) =>
        await database.WriteAsync(session =>
        {
            var key = Key(slot);
            return session.ExecuteAsync("""
                UPDATE summary_ledger
                SET status = 'posted', message_id = @message, thread_id = @thread, permalink = @permalink, pack_version = @version,
                    excerpt_ids = @excerpts, lease_until = NULL, detail = NULL, updated_at = @now
                WHERE schedule = @schedule AND slot_utc = @slot AND status = 'claimed' AND owner = @owner
                """,
                key.Schedule, key.Slot, ("owner", owner), ("message", message.MessageId), ("thread", message.ThreadId), ("permalink", permalink),
                ("version", packVersion), ("excerpts", string.Join(',', excerptIds)), ("now", now.ToUnixTimeMilliseconds()));
        }, cancellationToken) == 1;

    public async Task<bool> CloseAsync(SummarySlot slot, string owner, DateTimeOffset now, SlotStatus status, string detail, CancellationToken cancellationToken)
    {
        if (status is not (SlotStatus.Failed or SlotStatus.Skipped))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A claim closes as failed or skipped.");
        }

        return await database.WriteAsync(session =>
        {
            var key = Key(slot);
            return session.ExecuteAsync("""
                UPDATE summary_ledger
                SET status = @status, lease_until = NULL, detail = @detail, updated_at = @now
                WHERE schedule = @schedule AND slot_utc = @slot AND status = 'claimed' AND owner = @owner
                """,
                key.Schedule, key.Slot, ("owner", owner), ("status", ToText(status)), ("detail", detail),
                ("now", now.ToUnixTimeMilliseconds()));
        }, cancellationToken) == 1;
    }

    public async Task<bool> RecordSkippedAsync(SlotClaim claim, DateTimeOffset now, string detail, CancellationToken cancellationToken) =>
        await database.WriteAsync(session =>
        {
            var key = Key(claim.Slot);
            return session.ExecuteAsync("""
                INSERT INTO summary_ledger
                    (schedule, slot_utc, slot_local, platform, channel_id, status, owner, attempts, detail, created_at, updated_at)
                VALUES (@schedule, @slot, @local, @platform, @channel, 'skipped', @owner, 0, @detail, @now, @now)
                ON CONFLICT (schedule, slot_utc) DO NOTHING
                """,
                key.Schedule, key.Slot, ("local", claim.LocalTime), ("platform", claim.Platform), ("channel", claim.ChannelId),
                ("owner", claim.Owner), ("detail", detail), ("now", now.ToUnixTimeMilliseconds()));
        }, cancellationToken) == 1;

    public Task<SlotRecord?> FindAsync(SummarySlot slot, CancellationToken cancellationToken) =>
        database.ReadAsync(session => FindAsync(session, slot), cancellationToken);

    public Task<SlotRecord?> LastPostedAsync(string platform, string channelId, CancellationToken cancellationToken) =>
        database.ReadAsync(session => session.QuerySingleOrDefaultAsync($"""
            SELECT {Columns} FROM summary_ledger
            WHERE platform = @platform AND channel_id = @channel AND status = 'posted'
            ORDER BY slot_utc DESC, updated_at DESC
            LIMIT 1
            """,
            Read, ("platform", platform), ("channel", channelId)), cancellationToken);

    public Task<IReadOnlyList<SlotRecord>> LatestAsync(int offset, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync(
            async session => (IReadOnlyList<SlotRecord>)[
                .. (await session.QueryAsync(
                    $"SELECT {Columns} FROM summary_ledger ORDER BY slot_utc DESC, schedule LIMIT @limit OFFSET @offset",
                    Read, ("limit", (long)limit), ("offset", (long)offset))).OfType<SlotRecord>()],
            cancellationToken);

    private static Task<SlotRecord?> FindAsync(StateSession session, SummarySlot slot)
    {
        var key = Key(slot);
        return session.QuerySingleOrDefaultAsync(
            $"SELECT {Columns} FROM summary_ledger WHERE schedule = @schedule AND slot_utc = @slot",
            Read, key.Schedule, key.Slot);
    }

    private static ((string, object?) Schedule, (string, object?) Slot) Key(SummarySlot slot) =>
        (("schedule", slot.Schedule), ("slot", slot.UnixSeconds));

    private static SlotRecord? Read(DbDataReader reader)
    {
        string? Text(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
        long? Number(int ordinal) => reader.IsDBNull(ordinal) ? null : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

        var excerpts = Text(10);
        return new SlotRecord(
            new SummarySlot(reader.GetString(0), DateTimeOffset.FromUnixTimeSeconds(Number(1)!.Value)),
            reader.GetString(2),
            reader.GetString(3),
            FromText(reader.GetString(4)),
            Text(5),
            Number(6) is { } lease ? DateTimeOffset.FromUnixTimeMilliseconds(lease) : null,
            (int)Number(7)!.Value,
            Text(8),
            Text(9),
            string.IsNullOrEmpty(excerpts) ? [] : excerpts.Split(','),
            Text(11),
            Text(12));
    }

    private static string ToText(SlotStatus status) => status switch
    {
        SlotStatus.Claimed => "claimed",
        SlotStatus.Posted => "posted",
        SlotStatus.Failed => "failed",
        _ => "skipped",
    };

    private static SlotStatus FromText(string status) => status switch
    {
        "claimed" => SlotStatus.Claimed,
        "posted" => SlotStatus.Posted,
        "failed" => SlotStatus.Failed,
        _ => SlotStatus.Skipped,
    };
}
