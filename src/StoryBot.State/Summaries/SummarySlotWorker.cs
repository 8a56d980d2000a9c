using Microsoft.Extensions.Options;

namespace StoryBot.State.Summaries;

/// <summary>
/// Decides what happens to each slot of a schedule: the newest, inside its window, is claimed and
/// attempted (<see cref="SummaryPostAttempt"/>); older ones are recorded as skipped. What it keeps
/// in memory (<see cref="SummarySlotDecisions"/>) only saves work; the ledger is the truth, so a
/// restarted instance picks up where the last one stopped.
/// </summary>
internal sealed class SummarySlotWorker
{
    private readonly SummariesOptions _options;
    private readonly SummarySlotClaimer _claims;
    private readonly SummarySlotDecisions _decisions;
    private readonly SummaryPostAttempt _attempt;

    public SummarySlotWorker(
        IOptions<SummariesOptions> options,
        SummarySlotClaimer claims,
        ScheduledSummaryComposer composer,
        ScheduledSummaryPoster poster,
        TimeProvider time)
    {
        _options = options.Value;
        _claims = claims;
        _decisions = new SummarySlotDecisions(_options, claims, time);
        _attempt = new SummaryPostAttempt(claims, composer, poster, _decisions);
    }

    /// <summary>Who this instance is in the ledger's <c>owner</c> column.</summary>
    public string Owner => _claims.Owner;

    /// <summary>The earliest instant at which this worker has something to do again, if any.</summary>
    public DateTimeOffset? NextWake(DateTimeOffset now) => _decisions.NextWake(now);

    /// <summary>Handles every slot of a schedule that is due at <paramref name="now"/>.</summary>
    /// <param name="slots">The schedule's slots in the look-back horizon, oldest first.</param>
    public async Task HandleAsync(SummarySchedule schedule, IReadOnlyList<SummarySlot> slots, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slots);

        // Posts whose message id could not be written yet: write them first.
        if (!await _claims.MarkUnrecordedPostedAsync(schedule, cancellationToken))
        {
            _decisions.LookAgainSoon();
        }

        // Only the newest slot may still post (and only inside the window): after downtime
        // across several slots the channel gets one summary, not a burst of stale ones.
        var current = slots.Count > 0 && now - slots[^1].Utc <= _options.CatchUpWindow ? slots[^1] : (SummarySlot?)null;
        foreach (var slot in slots)
        {
            if (_decisions.IsSettled(slot))
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
            catch (Exception ex) when (SummaryLog.IsFailure(ex, cancellationToken))
            {
                // The ledger is unreachable: nothing was decided, so try again shortly (logged once per slot).
                _claims.ReportUnavailable(schedule, slot, ex);
                _decisions.LookAgainSoon();
            }
        }
    }

    /// <summary>
    /// On a graceful stop, hands back the claims this instance holds only to wait for a retry,
    /// so a successor need not wait for their leases to run out.
    /// </summary>
    public Task ReleaseWaitingClaimsAsync(CancellationToken cancellationToken) => _decisions.ReleaseWaitingClaimsAsync(cancellationToken);

    /// <summary>Forgets decided slots that have left the look-back horizon.</summary>
    public void Forget(DateTimeOffset before) => _decisions.Forget(before);

    private async Task HandleCurrentAsync(SummarySchedule schedule, SummarySlot slot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_decisions.TryGetRetry(slot, out var retry))
        {
            if (retry.At <= now)
            {
                await _attempt.RunAsync(schedule, slot, retry.Attempt, cancellationToken);
            }

            return;
        }

        if (_decisions.IsHeldElsewhere(slot, now))
        {
            return;
        }

        var claim = await _claims.ClaimToPostAsync(schedule, slot, now, cancellationToken);
        _decisions.NotHeldElsewhere(slot);
        switch (claim.Outcome)
        {
            case ClaimOutcome.Claimed:
            case ClaimOutcome.TakenOver:
                await _attempt.RunAsync(schedule, slot, claim.Record.Attempts, cancellationToken);
                break;
            case ClaimOutcome.HeldElsewhere:
                _decisions.HeldElsewhereUntil(slot, claim.Record.LeaseUntil ?? now);
                break;
            default:
                _decisions.Settle(slot);
                break;
        }
    }

    private async Task HandleStaleAsync(SummarySchedule schedule, SummarySlot slot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_decisions.TryDropRetry(slot, out var retry))
        {
            // A newer slot is due (or the window closed between passes): stop retrying this one.
            await _decisions.CloseFailedAsync(schedule, slot, retry.Attempt - 1, retry.LastError, cancellationToken);
            return;
        }

        var late = now - slot.Utc > _options.CatchUpWindow;
        var reason = !late ? "a newer slot of the same schedule is due, so only that one posts"
            : _claims.IsWaitingForLedger(slot) ? $"the state store could not be reached from the slot's time until it was more than {_options.CatchUpWindow} (Summaries:CatchUpWindow) late"
            : $"the bot was not running at the slot and it is now more than {_options.CatchUpWindow} (Summaries:CatchUpWindow) late";
        var (decided, heldUntil) = await _claims.SkipAsync(schedule, slot, now, reason, cancellationToken);
        if (decided)
        {
            _decisions.Settle(slot);
        }
        else if (heldUntil is { } until)
        {
            _decisions.HeldElsewhereUntil(slot, until);
        }
    }
}
