using System.Data.Common;
using StoryBot.Core.Conversation;

namespace StoryBot.State.Summaries;

/// <summary>
/// The ledger on SQLite or PostgreSQL. The unique key (schedule, slot_utc) plus
/// <c>INSERT ... ON CONFLICT DO NOTHING</c> decides the one claimant; take-overs and closes are
/// single conditional UPDATEs whose row count says whether this caller won.
/// </summary>
public sealed class SqlSummaryLedger(Func<CancellationToken, Task<DbConnection>> openConnection) : ISummaryLedger
{
    private const string Columns =
        "schedule, slot_utc, platform, channel_id, status, owner, lease_until, attempts, message_id, pack_version, excerpt_ids, detail";

    public async Task<ClaimResult> TryClaimAsync(SlotClaim claim, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var connection = await openConnection(cancellationToken);
        var inserted = await ExecuteAsync(connection, """
            INSERT INTO summary_ledger
                (schedule, slot_utc, slot_local, platform, channel_id, status, owner, lease_until, attempts, created_at, updated_at)
            VALUES (@schedule, @slot, @local, @platform, @channel, 'claimed', @owner, @lease, 1, @now, @now)
            ON CONFLICT (schedule, slot_utc) DO NOTHING
            """,
            [("schedule", claim.Slot.Schedule), ("slot", claim.Slot.UnixSeconds), ("local", claim.LocalTime),
            ("platform", claim.Platform), ("channel", claim.ChannelId), ("owner", claim.Owner),
            ("lease", leaseUntil.ToUnixTimeMilliseconds()), ("now", now.ToUnixTimeMilliseconds())],
            cancellationToken);
        if (inserted == 1)
        {
            return new ClaimResult(ClaimOutcome.Claimed, (await FindAsync(connection, claim.Slot, cancellationToken))!);
        }

        // A claim whose lease ran out without a recorded message id belongs to an instance that
        // stopped mid-post; the lease condition lets exactly one successor take it.
        var takenOver = await ExecuteAsync(connection, """
            UPDATE summary_ledger
            SET owner = @owner, lease_until = @lease, attempts = attempts + 1, updated_at = @now
            WHERE schedule = @schedule AND slot_utc = @slot AND status = 'claimed'
              AND message_id IS NULL AND lease_until < @now
            """,
            [("schedule", claim.Slot.Schedule), ("slot", claim.Slot.UnixSeconds), ("owner", claim.Owner),
            ("lease", leaseUntil.ToUnixTimeMilliseconds()), ("now", now.ToUnixTimeMilliseconds())],
            cancellationToken);

        var record = (await FindAsync(connection, claim.Slot, cancellationToken))!;
        if (takenOver == 1)
        {
            return new ClaimResult(ClaimOutcome.TakenOver, record);
        }

        return new ClaimResult(record.Status == SlotStatus.Claimed ? ClaimOutcome.HeldElsewhere : ClaimOutcome.Decided, record);
    }

    public async Task<bool> RenewAsync(SummarySlot slot, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int attempts, string? lastError, CancellationToken cancellationToken)
    {
        await using var connection = await openConnection(cancellationToken);
        return await ExecuteAsync(connection, """
            UPDATE summary_ledger
            SET lease_until = @lease, attempts = @attempts, detail = @detail, updated_at = @now
            WHERE schedule = @schedule AND slot_utc = @slot AND status = 'claimed' AND owner = @owner
            """,
            [("schedule", slot.Schedule), ("slot", slot.UnixSeconds), ("owner", owner),
            ("lease", leaseUntil.ToUnixTimeMilliseconds()), ("attempts", attempts), ("detail", lastError),
            ("now", now.ToUnixTimeMilliseconds())],
            cancellationToken) == 1;
    }

    public async Task<bool> MarkPostedAsync(SummarySlot slot, string owner, DateTimeOffset now, PostedMessage message, string packVersion, IReadOnlyCollection<string> excerptIds, CancellationToken cancellationToken)
    {
        await using var connection = await openConnection(cancellationToken);
        return await ExecuteAsync(connection, """
            UPDATE summary_ledger
            SET status = 'posted', message_id = @message, thread_id = @thread, pack_version = @version,
                excerpt_ids = @excerpts, lease_until = NULL, detail = NULL, updated_at = @now
            WHERE schedule = @schedule AND slot_utc = @slot AND status = 'claimed' AND owner = @owner
            """,
            [("schedule", slot.Schedule), ("slot", slot.UnixSeconds), ("owner", owner),
            ("message", message.MessageId), ("thread", message.ThreadId), ("version", packVersion),
            ("excerpts", string.Join(',', excerptIds)), ("now", now.ToUnixTimeMilliseconds())],
            cancellationToken) == 1;
    }

    public async Task<bool> CloseAsync(SummarySlot slot, string owner, DateTimeOffset now, SlotStatus status, string detail, CancellationToken cancellationToken)
    {
        if (status is not (SlotStatus.Failed or SlotStatus.Skipped))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A claim closes as failed or skipped.");
        }

        await using var connection = await openConnection(cancellationToken);
        return await ExecuteAsync(connection, """
            UPDATE summary_ledger
            SET status = @status, lease_until = NULL, detail = @detail, updated_at = @now
            WHERE schedule = @schedule AND slot_utc = @slot AND status = 'claimed' AND owner = @owner
            """,
            [("schedule", slot.Schedule), ("slot", slot.UnixSeconds), ("owner", owner),
            ("status", ToText(status)), ("detail", detail), ("now", now.ToUnixTimeMilliseconds())],
            cancellationToken) == 1;
    }

    public async Task<bool> RecordSkippedAsync(SlotClaim claim, DateTimeOffset now, string detail, CancellationToken cancellationToken)
    {
        await using var connection = await openConnection(cancellationToken);
        return await ExecuteAsync(connection, """
            INSERT INTO summary_ledger
                (schedule, slot_utc, slot_local, platform, channel_id, status, owner, attempts, detail, created_at, updated_at)
            VALUES (@schedule, @slot, @local, @platform, @channel, 'skipped', @owner, 0, @detail, @now, @now)
            ON CONFLICT (schedule, slot_utc) DO NOTHING
            """,
            [("schedule", claim.Slot.Schedule), ("slot", claim.Slot.UnixSeconds), ("local", claim.LocalTime),
            ("platform", claim.Platform), ("channel", claim.ChannelId), ("owner", claim.Owner),
            ("detail", detail), ("now", now.ToUnixTimeMilliseconds())],
            cancellationToken) == 1;
    }

    public async Task<SlotRecord?> FindAsync(SummarySlot slot, CancellationToken cancellationToken)
    {
        await using var connection = await openConnection(cancellationToken);
        return await FindAsync(connection, slot, cancellationToken);
    }

    public async Task<SlotRecord?> LastPostedAsync(string platform, string channelId, CancellationToken cancellationToken)
    {
        await using var connection = await openConnection(cancellationToken);
        return await QuerySingleAsync(connection, $"""
            SELECT {Columns} FROM summary_ledger
            WHERE platform = @platform AND channel_id = @channel AND status = 'posted'
            ORDER BY slot_utc DESC, updated_at DESC
            LIMIT 1
            """,
            [("platform", platform), ("channel", channelId)],
            cancellationToken);
    }

    private static Task<SlotRecord?> FindAsync(DbConnection connection, SummarySlot slot, CancellationToken cancellationToken) =>
        QuerySingleAsync(connection, $"""
            SELECT {Columns} FROM summary_ledger WHERE schedule = @schedule AND slot_utc = @slot
            """,
            [("schedule", slot.Schedule), ("slot", slot.UnixSeconds)],
            cancellationToken);

    private static async Task<SlotRecord?> QuerySingleAsync(
        DbConnection connection, string sql, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        string? Text(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
        long? Number(int ordinal) => reader.IsDBNull(ordinal) ? null : Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

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
            Text(11));
    }

    private static async Task<int> ExecuteAsync(
        DbConnection connection, string sql, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
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
