namespace StoryBot.State.Summaries;

/// <summary>
/// What this instance remembers of the slots it handles, only to save work: slots decided for
/// good, its own claims held for a retry, claims held elsewhere, and when to look at an
/// unreachable ledger again. The ledger is the truth, so a restarted instance starts with none of
/// this. Ledger changes that settle or hold a slot go through here, so memory and ledger agree.
/// </summary>
internal sealed class SummarySlotDecisions(SummariesOptions options, SummarySlotClaimer claims, TimeProvider time)
{
    private readonly HashSet<SummarySlot> _settled = [];
    private readonly Dictionary<SummarySlot, HeldRetry> _retries = [];
    private readonly Dictionary<SummarySlot, DateTimeOffset> _heldElsewhere = [];
    private DateTimeOffset? _ledgerRetryAt;

    /// <summary>The earliest instant at which there is something to do again, if any.</summary>
    public DateTimeOffset? NextWake(DateTimeOffset now)
    {
        var times = _retries.Values.Select(retry => retry.At)
            .Concat(_heldElsewhere.Where(held => held.Value > now && !_settled.Contains(held.Key)).Select(held => held.Value))
            .Concat(_ledgerRetryAt is { } at ? [at] : [])
            .ToList();
        return times.Count > 0 ? times.Min() : null;
    }

    public bool IsSettled(SummarySlot slot) => _settled.Contains(slot);

    public void Settle(SummarySlot slot) => _settled.Add(slot);

    public bool TryGetRetry(SummarySlot slot, out HeldRetry retry) => _retries.TryGetValue(slot, out retry!);

    /// <returns>Whether a retry was waiting; <paramref name="retry"/> is it.</returns>
    public bool TryDropRetry(SummarySlot slot, out HeldRetry retry) => _retries.Remove(slot, out retry!);

    public void DropRetry(SummarySlot slot) => _retries.Remove(slot);

    public bool IsHeldElsewhere(SummarySlot slot, DateTimeOffset now) =>
        _heldElsewhere.TryGetValue(slot, out var until) && until > now;

    /// <summary>Looks again just after the holder's lease runs out, in case it stopped.</summary>
    public void HeldElsewhereUntil(SummarySlot slot, DateTimeOffset leaseUntil) =>
        _heldElsewhere[slot] = leaseUntil + TimeSpan.FromSeconds(1);

    public void NotHeldElsewhere(SummarySlot slot) => _heldElsewhere.Remove(slot);

    public void LookAgainSoon() => _ledgerRetryAt = time.GetUtcNow() + SummaryRetryPolicy.LedgerDelay;

    /// <summary>Holds the slot for another attempt after a failed one, or closes it as failed when it has none left.</summary>
    public async Task RetryOrFailAsync(SummarySchedule schedule, SummarySlot slot, int attempt, string error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (SummaryRetryPolicy.NextPostAttempt(options, slot, attempt, now) is not { } at)
        {
            _retries.Remove(slot);
            await CloseFailedAsync(schedule, slot, attempt, error, cancellationToken);
            return;
        }

        if (await claims.HoldForRetryAsync(schedule, slot, attempt, error, now, at, cancellationToken))
        {
            _retries[slot] = new HeldRetry(attempt + 1, at, error);
        }
        else
        {
            _retries.Remove(slot);
        }
    }

    public async Task CloseFailedAsync(SummarySchedule schedule, SummarySlot slot, int attempts, string error, CancellationToken cancellationToken)
    {
        await claims.CloseFailedAsync(schedule, slot, attempts, error, cancellationToken);
        _settled.Add(slot);
    }

    /// <summary>Hands back the claims held only to wait for a retry, so a successor need not wait for their leases.</summary>
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
}

/// <summary>A claim this instance holds until its next attempt.</summary>
/// <param name="Attempt">The attempt to make at <paramref name="At"/> (1-based).</param>
internal sealed record HeldRetry(int Attempt, DateTimeOffset At, string LastError);
