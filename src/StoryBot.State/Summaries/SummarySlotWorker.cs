using System.Globalization;
using Microsoft.Extensions.Logging;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;

namespace StoryBot.State.Summaries;

/// <summary>
/// Decides and carries out what happens to each slot: claim it and post, retry a failed post
/// with backoff inside the slot's window, or record it as skipped or failed. Keeps in memory only
/// what saves work (slots already decided, its own pending retries, claims held elsewhere); the
/// ledger is the truth, so a restarted instance picks up where the last one stopped.
/// </summary>
internal sealed class SummarySlotWorker(
    SummariesOptions options,
    ISummaryLedger ledger,
    IStorySummaryComposer composer,
    IKnowledgeProvider knowledge,
    ICitationPolicy citationPolicy,
    IReadOnlyList<IChannelPoster> posters,
    IReadOnlyList<IAnswerRecorder> recorders,
    TimeProvider time,
    ILogger logger,
    string instance)
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan LedgerRetryDelay = TimeSpan.FromMinutes(1);

    private readonly HashSet<SummarySlot> _settled = [];
    private readonly Dictionary<SummarySlot, Retry> _retries = [];
    private readonly Dictionary<SummarySlot, DateTimeOffset> _heldElsewhere = [];
    private readonly Dictionary<SummarySlot, PostedSlot> _unrecorded = [];
    private DateTimeOffset? _ledgerRetryAt;

    /// <summary>The earliest instant at which this worker has something to do again, if any.</summary>
    public DateTimeOffset? NextWake(DateTimeOffset now)
    {
        var times = _retries.Values.Select(retry => retry.At)
            .Concat(_heldElsewhere.Where(held => held.Value > now && !_settled.Contains(held.Key)).Select(held => held.Value))
            .Concat(_ledgerRetryAt is { } at ? [at] : [])
            .ToList();
        return times.Count > 0 ? times.Min() : null;
    }

    /// <summary>Handles every slot of a schedule that is due at <paramref name="now"/>.</summary>
    /// <param name="slots">The schedule's slots in the look-back horizon, oldest first.</param>
    public async Task HandleAsync(SummarySchedule schedule, IReadOnlyList<SummarySlot> slots, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Posts whose message id could not be written yet: write them first.
        foreach (var posted in _unrecorded.Values.Where(p => p.Schedule == schedule).ToList())
        {
            await RecordPostedAsync(posted, cancellationToken);
        }

        // Only the newest slot may still post (and only inside the window): after downtime
        // across several slots the channel gets one summary, not a burst of stale ones.
        var current = slots.Count > 0 && now - slots[^1].Utc <= options.CatchUpWindow ? slots[^1] : (SummarySlot?)null;
        foreach (var slot in slots)
        {
            if (_settled.Contains(slot))
            {
                continue;
            }

            try
            {
                if (slot == current)
                {
                    await HandleCurrentAsync(schedule, slot, now, cancellationToken);
                }
                else
                {
                    await HandleStaleAsync(schedule, slot, now, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The ledger is unreachable: nothing was decided, so try again shortly.
                SummaryLog.LedgerUnavailable(logger, Describe(schedule, slot), schedule.Name, Error(ex));
                _ledgerRetryAt = time.GetUtcNow() + LedgerRetryDelay;
            }
        }
    }

    /// <summary>
    /// On a graceful stop, hands back the claims this instance holds only to wait for a retry:
    /// no request of theirs is in flight, so a successor may post them at once instead of
    /// waiting for the lease to run out.
    /// </summary>
    public async Task ReleaseWaitingClaimsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var (slot, retry) in _retries.ToList())
        {
            await ledger.RenewAsync(slot, instance, now, now, retry.Attempt - 1, retry.LastError, cancellationToken);
            _retries.Remove(slot);
        }
    }

    /// <summary>Forgets decided slots that have left the look-back horizon.</summary>
    public void Forget(DateTimeOffset before)
    {
        _settled.RemoveWhere(slot => slot.Utc < before);
        foreach (var slot in _heldElsewhere.Keys.Where(slot => slot.Utc < before || _settled.Contains(slot)).ToList())
        {
            _heldElsewhere.Remove(slot);
        }

        if (_ledgerRetryAt is { } at && at <= time.GetUtcNow())
        {
            _ledgerRetryAt = null;
        }
    }

    private async Task HandleCurrentAsync(SummarySchedule schedule, SummarySlot slot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_retries.TryGetValue(slot, out var retry))
        {
            if (retry.At <= now)
            {
                await AttemptAsync(schedule, slot, retry.Attempt, cancellationToken);
            }

            return;
        }

        if (_heldElsewhere.TryGetValue(slot, out var leaseUntil) && leaseUntil > now)
        {
            return;
        }

        var claim = await ledger.TryClaimAsync(Claim(schedule, slot), now, now + options.ClaimLease, cancellationToken);
        _heldElsewhere.Remove(slot);
        switch (claim.Outcome)
        {
            case ClaimOutcome.Claimed:
                await AttemptAsync(schedule, slot, claim.Record.Attempts, cancellationToken);
                break;
            case ClaimOutcome.TakenOver:
                SummaryLog.TakingOver(logger, Describe(schedule, slot), schedule.Name, claim.PreviousOwner, schedule.Platform, schedule.ChannelId);
                await AttemptAsync(schedule, slot, claim.Record.Attempts, cancellationToken);
                break;
            case ClaimOutcome.HeldElsewhere:
                // Look again just after the holder's lease runs out, in case it stopped.
                _heldElsewhere[slot] = (claim.Record.LeaseUntil ?? now) + TimeSpan.FromSeconds(1);
                break;
            default:
                _settled.Add(slot);
                break;
        }
    }

    private async Task HandleStaleAsync(SummarySchedule schedule, SummarySlot slot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var local = Describe(schedule, slot);
        if (_retries.Remove(slot, out var retry))
        {
            // A newer slot is due (or the window closed between passes): stop retrying this one.
            await CloseFailedAsync(schedule, slot, retry.Attempt - 1, retry.LastError, cancellationToken);
            return;
        }

        var late = now - slot.Utc > options.CatchUpWindow;
        var reason = late
            ? $"the bot was not running at the slot and it is now more than {options.CatchUpWindow} (Summaries:CatchUpWindow) late"
            : "a newer slot of the same schedule is due, so only that one posts";
        if (await ledger.RecordSkippedAsync(Claim(schedule, slot), now, reason, cancellationToken))
        {
            SummaryLog.Skipped(logger, schedule.Name, schedule.Platform, schedule.ChannelId, local, reason);
            _settled.Add(slot);
            return;
        }

        var record = await ledger.FindAsync(slot, cancellationToken);
        if (record is null || record.Status != SlotStatus.Claimed)
        {
            _settled.Add(slot);
            return;
        }

        if (record.LeaseUntil is { } leaseUntil && leaseUntil >= now)
        {
            _heldElsewhere[slot] = leaseUntil + TimeSpan.FromSeconds(1);
            return;
        }

        var claim = await ledger.TryClaimAsync(Claim(schedule, slot), now, now + options.ClaimLease, cancellationToken);
        if (claim.Outcome == ClaimOutcome.TakenOver)
        {
            await ledger.CloseAsync(slot, instance, now, SlotStatus.Skipped,
                $"claimed by {record.Owner}, which stopped before recording a post; {reason}", cancellationToken);
            SummaryLog.ExpiredClaimSkipped(logger, local, schedule.Name, record.Owner, schedule.Platform, schedule.ChannelId);
            _settled.Add(slot);
        }
        else if (claim.Outcome == ClaimOutcome.Decided)
        {
            _settled.Add(slot);
        }
    }

    private async Task AttemptAsync(SummarySchedule schedule, SummarySlot slot, int attempt, CancellationToken cancellationToken)
    {
        var poster = posters.FirstOrDefault(p => string.Equals(p.Platform, schedule.Platform, StringComparison.OrdinalIgnoreCase));
        if (poster is null)
        {
            _retries.Remove(slot);
            await CloseFailedAsync(schedule, slot, attempt, $"no poster is registered for platform '{schedule.Platform}'", cancellationToken);
            return;
        }

        KnowledgePack pack;
        Reply reply;
        PostedMessage message;
        try
        {
            pack = knowledge.Current;
            var filter = await citationPolicy.GetFilterAsync(cancellationToken);
            var last = await ledger.LastPostedAsync(schedule.Platform, schedule.ChannelId, cancellationToken);
            var since = last?.PackVersion is { } version ? new SummaryBaseline(version, last.ExcerptIds) : null;
            reply = composer.Compose(schedule.Language, filter, pack, since);
            if (reply.Abstained)
            {
                _retries.Remove(slot);
                const string reason = "every excerpt the summary would cite is disabled by moderators";
                await ledger.CloseAsync(slot, instance, time.GetUtcNow(), SlotStatus.Skipped, reason, cancellationToken);
                SummaryLog.Skipped(logger, schedule.Name, schedule.Platform, schedule.ChannelId, Describe(schedule, slot), reason);
                _settled.Add(slot);
                return;
            }

            var unverified = QuoteVerifier.Unverified(reply, pack);
            if (unverified.Count > 0)
            {
                // Retried like a failed post: a corrected pack reloaded within the window still gets the slot posted.
                var error = $"quotes {string.Join(", ", unverified)} do not match their source text in knowledge pack {pack.Version}; correct the curated quotes";
                await RetryOrFailAsync(schedule, slot, attempt, error, cancellationToken);
                return;
            }

            // Keyed by schedule and slot: a repeat after a crash right after posting is recognised where the platform can.
            var key = string.Create(CultureInfo.InvariantCulture, $"summary {schedule.Name} {slot.Utc:O}");
            message = await poster.PostOnceAsync(schedule.ChannelId, reply, key, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await RetryOrFailAsync(schedule, slot, attempt, Error(ex), cancellationToken);
            return;
        }

        // From here on the summary is in the channel: whatever happens, this instance never posts it again.
        _retries.Remove(slot);
        _settled.Add(slot);
        var posted = new PostedSlot(schedule, slot, message, pack.Version, reply.Citations.Select(citation => citation.Id).ToList());
        await RecordPostedAsync(posted, cancellationToken);
        await RecordAnswerAsync(schedule, slot, message, reply, cancellationToken);
    }

    /// <summary>
    /// Records the summary with the answers the bot posted, so its Report button finds it and a
    /// later withdrawal of one of its quotes corrects it like any answer.
    /// </summary>
    private async Task RecordAnswerAsync(SummarySchedule schedule, SummarySlot slot, PostedMessage message, Reply reply, CancellationToken cancellationToken)
    {
        var request = new ChatRequest(schedule.Platform, schedule.ChannelId, $"summary:{schedule.Name}", StorySummaryComposer.Command);
        try
        {
            foreach (var recorder in recorders)
            {
                await recorder.RecordAsync(message, request, reply, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            SummaryLog.AnswerNotRecorded(logger, Describe(schedule, slot), schedule.Name, schedule.Platform, schedule.ChannelId, message.MessageId, Error(ex));
        }
    }

    private async Task RecordPostedAsync(PostedSlot posted, CancellationToken cancellationToken)
    {
        var (schedule, slot, message, version, excerptIds) = posted;
        bool recorded;
        try
        {
            recorded = await ledger.MarkPostedAsync(slot, instance, time.GetUtcNow(), message, version, excerptIds, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Keep the message id and try again on the next pass; until it is written, the
            // claim's lease is all that stops another instance from posting the slot again.
            _unrecorded[slot] = posted;
            _ledgerRetryAt = time.GetUtcNow() + LedgerRetryDelay;
            SummaryLog.LedgerUnavailable(logger, Describe(schedule, slot), schedule.Name, Error(ex));
            return;
        }

        _unrecorded.Remove(slot);
        if (recorded)
        {
            SummaryLog.Posted(logger, schedule.Language.Code(), schedule.Name, schedule.Platform, schedule.ChannelId,
                Describe(schedule, slot), message.MessageId, excerptIds.Count, version);
        }
        else
        {
            SummaryLog.ClaimLost(logger, Describe(schedule, slot), schedule.Name, schedule.Platform, schedule.ChannelId, message.MessageId);
        }
    }

    private async Task RetryOrFailAsync(SummarySchedule schedule, SummarySlot slot, int attempt, string error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var at = now + RetryDelay(attempt);
        if (attempt >= options.MaxPostAttempts || at > slot.Utc + options.CatchUpWindow)
        {
            _retries.Remove(slot);
            await CloseFailedAsync(schedule, slot, attempt, error, cancellationToken);
            return;
        }

        // The lease covers the wait, so no other instance takes the slot while this one backs off.
        if (await ledger.RenewAsync(slot, instance, now, at + options.ClaimLease, attempt, error, cancellationToken))
        {
            _retries[slot] = new Retry(attempt + 1, at, error);
            SummaryLog.Retrying(logger, schedule.Name, schedule.Platform, schedule.ChannelId, Describe(schedule, slot), attempt, error, at);
        }
        else
        {
            _retries.Remove(slot);
        }
    }

    private async Task CloseFailedAsync(SummarySchedule schedule, SummarySlot slot, int attempts, string error, CancellationToken cancellationToken)
    {
        await ledger.CloseAsync(slot, instance, time.GetUtcNow(), SlotStatus.Failed,
            $"gave up after {attempts} attempt(s); last error: {error}", cancellationToken);
        SummaryLog.Failed(logger, schedule.Name, schedule.Platform, schedule.ChannelId, Describe(schedule, slot), attempts, error);
        _settled.Add(slot);
    }

    private TimeSpan RetryDelay(int attempt)
    {
        var delay = options.RetryDelay * Math.Pow(2, Math.Min(attempt - 1, 16));
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }

    private SlotClaim Claim(SummarySchedule schedule, SummarySlot slot) =>
        new(slot, SummarySlots.Local(schedule, slot), schedule.Platform, schedule.ChannelId, instance);

    private static string Describe(SummarySchedule schedule, SummarySlot slot) => SummarySlots.Local(schedule, slot);

    // Type and message only: posters keep tokens out of their exception messages, and a stack
    // trace does not tell an operator what to fix.
    private static string Error(Exception ex) => $"{ex.GetType().Name}: {ex.Message}";

    private sealed record Retry(int Attempt, DateTimeOffset At, string LastError);

    private sealed record PostedSlot(SummarySchedule Schedule, SummarySlot Slot, PostedMessage Message, string PackVersion, IReadOnlyList<string> ExcerptIds);
}
