using StoryBot.Core.Conversation;

namespace StoryBot.State.Summaries;

/// <summary>What became of a slot. Only <see cref="Claimed"/> can still change.</summary>
public enum SlotStatus
{
    /// <summary>An instance is posting it (or died while posting; see the lease).</summary>
    Claimed,
    Posted,
    Failed,
    Skipped,
}

/// <summary>One row of the ledger.</summary>
/// <param name="Permalink">A web address that opens the posted message, where the platform's adapter gave one when posting.</param>
public sealed record SlotRecord(
    SummarySlot Slot,
    string Platform,
    string ChannelId,
    SlotStatus Status,
    string? Owner,
    DateTimeOffset? LeaseUntil,
    int Attempts,
    string? MessageId,
    string? PackVersion,
    IReadOnlyList<string> ExcerptIds,
    string? Detail,
    string? Permalink = null);

/// <summary>Who a slot belongs to after a claim attempt.</summary>
public enum ClaimOutcome
{
    /// <summary>This instance inserted the slot: it posts.</summary>
    Claimed,

    /// <summary>An earlier claim expired without a recorded post; this instance now holds it.</summary>
    TakenOver,

    /// <summary>Another instance holds a live claim.</summary>
    HeldElsewhere,

    /// <summary>The slot is already posted, failed or skipped.</summary>
    Decided,
}

/// <param name="PreviousOwner">On a take-over, the instance whose claim expired.</param>
public sealed record ClaimResult(ClaimOutcome Outcome, SlotRecord Record, string? PreviousOwner = null);

/// <summary>The details a claim needs besides its key.</summary>
public sealed record SlotClaim(SummarySlot Slot, string LocalTime, string Platform, string ChannelId, string Owner);

/// <summary>
/// The durable record of summary slots, keyed by (schedule, slot) with a unique constraint. An
/// insert-if-absent decides which instance posts, so instances sharing one database post once.
/// Every change to a claimed row is conditional on the caller still owning it.
/// </summary>
public interface ISummaryLedger
{
    /// <summary>Inserts the slot as claimed if absent, or takes over a claim whose lease has run out.</summary>
    Task<ClaimResult> TryClaimAsync(SlotClaim claim, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Extends a claim this owner holds (between retries). False when the claim was lost.</summary>
    Task<bool> RenewAsync(SummarySlot slot, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int attempts, string? lastError, CancellationToken cancellationToken);

    /// <summary>Records the posted message. False when the claim had been taken over meanwhile.</summary>
    /// <param name="permalink">Where people open the message (<see cref="Core.Platforms.PostResult.Permalink"/>), when the platform's adapter said.</param>
    Task<bool> MarkPostedAsync(SummarySlot slot, string owner, DateTimeOffset now, PostedMessage message, string? permalink, string packVersion, IReadOnlyCollection<string> excerptIds, CancellationToken cancellationToken);

    /// <summary>Closes a claim this owner holds as failed or skipped, with the reason.</summary>
    Task<bool> CloseAsync(SummarySlot slot, string owner, DateTimeOffset now, SlotStatus status, string detail, CancellationToken cancellationToken);

    /// <summary>Records a slot nobody claimed as skipped. False when a row already existed.</summary>
    Task<bool> RecordSkippedAsync(SlotClaim claim, DateTimeOffset now, string detail, CancellationToken cancellationToken);

    Task<SlotRecord?> FindAsync(SummarySlot slot, CancellationToken cancellationToken);

    /// <summary>The most recent posted summary in a channel, from any schedule.</summary>
    Task<SlotRecord?> LastPostedAsync(string platform, string channelId, CancellationToken cancellationToken);
}

/// <summary>The ledger as people read it: every slot, newest first.</summary>
public interface ISummaryHistory
{
    /// <summary>A page of the slots of every schedule, the latest slot first.</summary>
    Task<IReadOnlyList<SlotRecord>> LatestAsync(int offset, int limit, CancellationToken cancellationToken);
}
