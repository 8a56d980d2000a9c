using Microsoft.Extensions.Options;
using StoryBot.Core.Conversation;
using StoryBot.Core.Platforms;

namespace StoryBot.State.Summaries;

/// <summary>
/// Decides what happens to each slot: claim it and post, retry a failed post with backoff inside
/// the slot's window, or record it as skipped or failed. Keeps in memory only what saves work
/// (slots already decided, its own pending retries, claims held elsewhere); the ledger is the
/// truth, so a restarted instance picks up where the last one stopped.
/// </summary>
internal sealed class SummarySlotWorker(
    IOptions<SummariesOptions> options,
    SummarySlotClaimer claims,
    ScheduledSummaryComposer composer,
    ScheduledSummaryPoster poster,
    TimeProvider time)
{
    private const string NothingCitable = "every excerpt the summary would cite is disabled by moderators";

    private readonly SummariesOptions _options = options.Value;
    private readonly HashSet<SummarySlot> _settled = [];
    private readonly Dictionary<SummarySlot, Retry> _retries = [];
    private readonly Dictionary<SummarySlot, DateTimeOffset> _heldElsewhere = [];
    private DateTimeOffset? _ledgerRetryAt;

    /// <summary>Who this instance is in the ledger's <c>owner</c> column.</summary>
    public string Owner => claims.Owner;

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
        ArgumentNullException.ThrowIfNull(slots);

        // Posts whose message id could not be written yet: write them first.
        if (!await claims.MarkUnrecordedPostedAsync(schedule, cancellationToken))
        {
            LookAgainSoon();
        }

        // Only the newest slot may still post (and only inside the window): after downtime
        // across several slots the channel gets one summary, not a burst of stale ones.
        var current = slots.Count > 0 && now - slots[^1].Utc <= _options.CatchUpWindow ? slots[^1] : (SummarySlot?)null;
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
            catch (Exception ex) when (SummaryLog.IsFailure(ex, cancellationToken))
            {
                // The ledger is unreachable: nothing was decided, so try again shortly (logged once per slot).
                claims.ReportUnavailable(schedule, slot, ex);
                LookAgainSoon();
            }
        }
    }

    /// <summary>
    /// On a graceful stop, hands back the claims this instance holds only to wait for a retry,
    /// so a successor need not wait for their leases to run out.
    /// </summary>
    public async Task ReleaseWaitingClaimsAsync(CancellationToken cancellationToken)
    {
        foreach (var (slot, retry) in _retries.ToList())
        {
            await claims.ReleaseAsync(slot, retry.Attempt - 1, retry.LastError, cancellationToken);
            _retries.Remove(slot);
        }
    }

    /// <summary>Forgets decided slots that have left the look-back horizon.</summary>
    public void Forget(DateTimeOffset before)
    {
        _settled.RemoveWhere(slot => slot.Utc < before);
        claims.Forget(before);
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

        var claim = await claims.ClaimToPostAsync(schedule, slot, now, cancellationToken);
        _heldElsewhere.Remove(slot);
        switch (claim.Outcome)
        {
            case ClaimOutcome.Claimed:
            case ClaimOutcome.TakenOver:
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
        if (_retries.Remove(slot, out var retry))
        {
            // A newer slot is due (or the window closed between passes): stop retrying this one.
            await CloseFailedAsync(schedule, slot, retry.Attempt - 1, retry.LastError, cancellationToken);
            return;
        }

        var late = now - slot.Utc > _options.CatchUpWindow;
        var reason = !late ? "a newer slot of the same schedule is due, so only that one posts"
            : claims.IsWaitingForLedger(slot) ? $"the state store could not be reached from the slot's time until it was more than {_options.CatchUpWindow} (Summaries:CatchUpWindow) late"
            : $"the bot was not running at the slot and it is now more than {_options.CatchUpWindow} (Summaries:CatchUpWindow) late";
        var (decided, heldUntil) = await claims.SkipAsync(schedule, slot, now, reason, cancellationToken);
        if (decided)
        {
            _settled.Add(slot);
        }
        else if (heldUntil is { } until)
        {
            _heldElsewhere[slot] = until + TimeSpan.FromSeconds(1);
        }
    }

    private async Task AttemptAsync(SummarySchedule schedule, SummarySlot slot, int attempt, CancellationToken cancellationToken)
    {
        if (!poster.CanPostTo(schedule.Platform))
        {
            _retries.Remove(slot);
            await CloseFailedAsync(schedule, slot, attempt, ScheduledSummaryPoster.NoPosterFor(schedule.Platform), cancellationToken);
            return;
        }

        ScheduledSummary summary;
        PostResult result;
        try
        {
            summary = await composer.ComposeAsync(schedule, poster.LimitsFor(schedule.Platform), cancellationToken);
            if (summary.Reply.Abstained)
            {
                _retries.Remove(slot);
                await claims.CloseSkippedAsync(schedule, slot, NothingCitable, cancellationToken);
                _settled.Add(slot);
                return;
            }

            if (summary.UnverifiedQuotes.Count > 0)
            {
                // Retried like a failed post: a corrected pack reloaded within the window still gets the slot posted.
                await RetryOrFailAsync(schedule, slot, attempt, summary.QuoteProblem, cancellationToken);
                return;
            }

            result = await poster.PostOnceAsync(schedule, slot, summary.Reply, cancellationToken);
        }
        catch (Exception ex) when (SummaryLog.IsFailure(ex, cancellationToken))
        {
            await RetryOrFailAsync(schedule, slot, attempt, SummaryLog.Error(ex), cancellationToken);
            return;
        }

        if (result is not { IsPosted: true, Message: { } message })
        {
            // What will fail again (the bot may not post in the channel) is closed now instead of retried.
            var error = result.Reason ?? result.Outcome.ToString();
            if (result.Outcome == PostOutcome.Permanent)
            {
                _retries.Remove(slot);
                await CloseFailedAsync(schedule, slot, attempt, error, cancellationToken);
            }
            else
            {
                await RetryOrFailAsync(schedule, slot, attempt, error, cancellationToken);
            }

            return;
        }

        // From here on the summary is in the channel: whatever happens, this instance never posts it again.
        _retries.Remove(slot);
        _settled.Add(slot);
        if (!await claims.MarkPostedAsync(new PostedSummary(schedule, slot, message, summary.PackVersion, summary.ExcerptIds), cancellationToken))
        {
            LookAgainSoon();
        }

        await poster.RecordAnswerAsync(schedule, slot, message, summary.Reply, cancellationToken);
    }

    private async Task RetryOrFailAsync(SummarySchedule schedule, SummarySlot slot, int attempt, string error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (SummaryRetryPolicy.NextPostAttempt(_options, slot, attempt, now) is not { } at)
        {
            _retries.Remove(slot);
            await CloseFailedAsync(schedule, slot, attempt, error, cancellationToken);
            return;
        }

        if (await claims.HoldForRetryAsync(schedule, slot, attempt, error, now, at, cancellationToken))
        {
            _retries[slot] = new Retry(attempt + 1, at, error);
        }
        else
        {
            _retries.Remove(slot);
        }
    }

    private async Task CloseFailedAsync(SummarySchedule schedule, SummarySlot slot, int attempts, string error, CancellationToken cancellationToken)
    {
        await claims.CloseFailedAsync(schedule, slot, attempts, error, cancellationToken);
        _settled.Add(slot);
    }

    private void LookAgainSoon() => _ledgerRetryAt = time.GetUtcNow() + SummaryRetryPolicy.LedgerDelay;

    private sealed record Retry(int Attempt, DateTimeOffset At, string LastError);
}
