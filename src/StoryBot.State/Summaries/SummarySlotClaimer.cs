using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.State.Telemetry;

namespace StoryBot.State.Summaries;

/// <summary>
/// This instance's side of the ledger: claims slots, holds a claim through the wait for a retry,
/// and closes it as posted, failed or skipped, saying so in the log. Every change is made as
/// <see cref="Owner"/>, so the ledger refuses it once another instance has taken the slot over.
/// Remembers only the posts it could not record yet, to write them when the ledger is back. Each
/// status it gives a slot is counted (<see cref="StateTelemetry.SlotStatuses"/>).
/// </summary>
/// <param name="logger">Shares the scheduler's category, so one log filter still shows every summary line.</param>
internal sealed class SummarySlotClaimer(
    ISummaryLedger ledger,
    IOptions<SummariesOptions> options,
    StateTelemetry telemetry,
    TimeProvider time,
    ILogger<SummaryScheduler> logger)
{
    private readonly TimeSpan _lease = options.Value.ClaimLease;
    private readonly Dictionary<SummarySlot, PostedSummary> _unrecorded = [];
    private readonly HashSet<SummarySlot> _waitingForLedger = [];

    /// <summary>Who this instance is in the ledger's <c>owner</c> column.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Claims the slot to post it now, taking over a claim whose holder stopped.</summary>
    public async Task<ClaimResult> ClaimToPostAsync(SummarySchedule schedule, SummarySlot slot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claim = await ledger.TryClaimAsync(Claim(schedule, slot), now, now + _lease, cancellationToken);
        Reached(schedule, slot);
        if (claim.Outcome == ClaimOutcome.Claimed)
        {
            telemetry.SummarySlot(schedule.Platform, StateTelemetry.SlotStatuses.Claimed);
        }

        if (claim.Outcome == ClaimOutcome.TakenOver)
        {
            telemetry.SummarySlot(schedule.Platform, StateTelemetry.SlotStatuses.TakenOver);
            SummaryLog.TakingOver(logger, Local(schedule, slot), schedule.Name, claim.PreviousOwner, schedule.Platform, schedule.ChannelId);
        }

        return claim;
    }

    /// <summary>
    /// Records a slot that may no longer post as skipped: if nobody claimed it, or if the holder of
    /// its claim stopped before recording a post and the lease has run out.
    /// </summary>
    /// <returns>Whether the slot is decided now; if not, until when a live claim holds it (when known).</returns>
    public async Task<(bool Decided, DateTimeOffset? HeldUntil)> SkipAsync(SummarySchedule schedule, SummarySlot slot, DateTimeOffset now, string reason, CancellationToken cancellationToken)
    {
        var recorded = await ledger.RecordSkippedAsync(Claim(schedule, slot), now, reason, cancellationToken);
        Reached(schedule, slot);
        if (recorded)
        {
            telemetry.SummarySlot(schedule.Platform, StateTelemetry.SlotStatuses.Skipped);
            SummaryLog.Skipped(logger, schedule.Name, schedule.Platform, schedule.ChannelId, Local(schedule, slot), reason);
            return (true, null);
        }

        var record = await ledger.FindAsync(slot, cancellationToken);
        if (record is null || record.Status != SlotStatus.Claimed)
        {
            return (true, null);
        }

        if (record.LeaseUntil is { } leaseUntil && leaseUntil >= now)
        {
            return (false, leaseUntil);
        }

        var claim = await ledger.TryClaimAsync(Claim(schedule, slot), now, now + _lease, cancellationToken);
        if (claim.Outcome != ClaimOutcome.TakenOver)
        {
            return (claim.Outcome == ClaimOutcome.Decided, null);
        }

        await ledger.CloseAsync(slot, Owner, now, SlotStatus.Skipped,
            $"claimed by {record.Owner}, which stopped before recording a post; {reason}", cancellationToken);
        telemetry.SummarySlot(schedule.Platform, StateTelemetry.SlotStatuses.Skipped);
        SummaryLog.ExpiredClaimSkipped(logger, Local(schedule, slot), schedule.Name, record.Owner, schedule.Platform, schedule.ChannelId);
        return (true, null);
    }

    /// <summary>
    /// Keeps the claim until just after <paramref name="retryAt"/> and records the failed attempt.
    /// False when the claim was lost meanwhile.
    /// </summary>
    public async Task<bool> HoldForRetryAsync(SummarySchedule schedule, SummarySlot slot, int attempt, string error, DateTimeOffset now, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        // The lease covers the wait, so no other instance takes the slot while this one backs off.
        if (!await ledger.RenewAsync(slot, Owner, now, retryAt + _lease, attempt, error, cancellationToken))
        {
            return false;
        }

        telemetry.SummarySlot(schedule.Platform, StateTelemetry.SlotStatuses.Retrying);
        SummaryLog.Retrying(logger, schedule.Name, schedule.Platform, schedule.ChannelId, Local(schedule, slot), attempt, error, retryAt);
        return true;
    }

    /// <summary>
    /// Hands back a claim held only to wait for a retry: no request of its own is in flight, so
    /// ending the lease now lets a successor post at once.
    /// </summary>
    public Task ReleaseAsync(SummarySlot slot, int attempts, string? lastError, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return ledger.RenewAsync(slot, Owner, now, now, attempts, lastError, cancellationToken);
    }

    public async Task CloseFailedAsync(SummarySchedule schedule, SummarySlot slot, int attempts, string error, CancellationToken cancellationToken)
    {
        await ledger.CloseAsync(slot, Owner, time.GetUtcNow(), SlotStatus.Failed,
            $"gave up after {attempts} attempt(s); last error: {error}", cancellationToken);
        telemetry.SummarySlot(schedule.Platform, StateTelemetry.SlotStatuses.Failed);
        SummaryLog.Failed(logger, schedule.Name, schedule.Platform, schedule.ChannelId, Local(schedule, slot), attempts, error);
    }

    public async Task CloseSkippedAsync(SummarySchedule schedule, SummarySlot slot, string reason, CancellationToken cancellationToken)
    {
        await ledger.CloseAsync(slot, Owner, time.GetUtcNow(), SlotStatus.Skipped, reason, cancellationToken);
        telemetry.SummarySlot(schedule.Platform, StateTelemetry.SlotStatuses.Skipped);
        SummaryLog.Skipped(logger, schedule.Name, schedule.Platform, schedule.ChannelId, Local(schedule, slot), reason);
    }

    /// <summary>
    /// Records the posted message. False when the ledger cannot be written: the post is kept and
    /// written by <see cref="MarkUnrecordedPostedAsync"/> on a later pass.
    /// </summary>
    public async Task<bool> MarkPostedAsync(PostedSummary posted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(posted);
        var (schedule, slot, message, permalink, version, excerptIds) = posted;
        bool recorded;
        try
        {
            recorded = await ledger.MarkPostedAsync(slot, Owner, time.GetUtcNow(), message, permalink, version, excerptIds, cancellationToken);
        }
        catch (Exception ex) when (SummaryLog.IsFailure(ex, cancellationToken))
        {
            // Keep the message id; until it is written, the claim's lease is all that stops
            // another instance from posting the slot again.
            _unrecorded[slot] = posted;
            ReportUnavailable(schedule, slot, ex);
            return false;
        }

        _unrecorded.Remove(slot);
        Reached(schedule, slot);
        if (recorded)
        {
            telemetry.SummarySlot(schedule.Platform, StateTelemetry.SlotStatuses.Posted);
            SummaryLog.Posted(logger, schedule.Language.Code(), schedule.Name, schedule.Platform, schedule.ChannelId,
                Local(schedule, slot), message.MessageId, excerptIds.Count, version);
        }
        else
        {
            SummaryLog.ClaimLost(logger, Local(schedule, slot), schedule.Name, schedule.Platform, schedule.ChannelId, message.MessageId);
        }

        return true;
    }

    /// <summary>Writes the posts of <paramref name="schedule"/> that could not be recorded earlier. False when some still cannot.</summary>
    public async Task<bool> MarkUnrecordedPostedAsync(SummarySchedule schedule, CancellationToken cancellationToken)
    {
        var written = true;
        foreach (var posted in _unrecorded.Values.Where(p => p.Schedule == schedule).ToList())
        {
            written &= await MarkPostedAsync(posted, cancellationToken);
        }

        return written;
    }

    /// <summary>
    /// Says that the ledger could not be read or written while handling a slot: once, however many
    /// passes find it unreachable before it is back.
    /// </summary>
    public void ReportUnavailable(SummarySchedule schedule, SummarySlot slot, Exception ex)
    {
        if (_waitingForLedger.Add(slot))
        {
            SummaryLog.LedgerUnavailable(logger, Local(schedule, slot), schedule.Name, SummaryLog.Error(ex));
        }
    }

    /// <summary>Whether handling the slot found the ledger unreachable and has not reached it since.</summary>
    public bool IsWaitingForLedger(SummarySlot slot) => _waitingForLedger.Contains(slot);

    /// <summary>Forgets the outages of slots that have left the look-back horizon.</summary>
    public void Forget(DateTimeOffset before) => _waitingForLedger.RemoveWhere(slot => slot.Utc < before);

    private void Reached(SummarySchedule schedule, SummarySlot slot)
    {
        if (_waitingForLedger.Remove(slot))
        {
            SummaryLog.LedgerReachedAgain(logger, Local(schedule, slot), schedule.Name, time.GetUtcNow() - slot.Utc);
        }
    }

    private SlotClaim Claim(SummarySchedule schedule, SummarySlot slot) =>
        new(slot, Local(schedule, slot), schedule.Platform, schedule.ChannelId, Owner);

    private static string Local(SummarySchedule schedule, SummarySlot slot) => SummarySlots.Local(schedule, slot);
}

/// <summary>A summary in its channel, with what the ledger keeps about it.</summary>
/// <param name="Permalink">Where people open it, when the platform's adapter said.</param>
internal sealed record PostedSummary(SummarySchedule Schedule, SummarySlot Slot, PostedMessage Message, string? Permalink, string PackVersion, IReadOnlyList<string> ExcerptIds);
