using StoryBot.Core.Platforms;

namespace StoryBot.State.Summaries;

/// <summary>
/// One attempt at a claimed slot: compose the summary for the platform, post it once, and settle
/// what follows: posted and recorded, skipped when nothing may be cited, retried with backoff
/// inside the slot's window, or closed as failed when retrying cannot help.
/// </summary>
internal sealed class SummaryPostAttempt(
    SummarySlotClaimer claims,
    ScheduledSummaryComposer composer,
    ScheduledSummaryPoster poster,
    SummarySlotDecisions decisions)
{
    private const string NothingCitable = "every excerpt the summary would cite is disabled by moderators";

    /// <param name="attempt">The attempt this is (1-based), as the ledger counts them.</param>
    public async Task RunAsync(SummarySchedule schedule, SummarySlot slot, int attempt, CancellationToken cancellationToken)
    {
        if (!poster.CanPostTo(schedule.Platform))
        {
            decisions.DropRetry(slot);
            await decisions.CloseFailedAsync(schedule, slot, attempt, ScheduledSummaryPoster.NoPosterFor(schedule.Platform), cancellationToken);
            return;
        }

        ScheduledSummary summary;
        PostResult result;
        try
        {
            summary = await composer.ComposeAsync(schedule, poster.LimitsFor(schedule.Platform), cancellationToken);
            if (summary.Reply.Abstained)
            {
                decisions.DropRetry(slot);
                await claims.CloseSkippedAsync(schedule, slot, NothingCitable, cancellationToken);
                decisions.Settle(slot);
                return;
            }

            if (summary.UnverifiedQuotes.Count > 0)
            {
                // Retried like a failed post: a corrected pack reloaded within the window still gets the slot posted.
                await decisions.RetryOrFailAsync(schedule, slot, attempt, summary.QuoteProblem, cancellationToken);
                return;
            }

            result = await poster.PostOnceAsync(schedule, slot, summary.Reply, cancellationToken);
        }
        catch (Exception ex) when (SummaryLog.IsFailure(ex, cancellationToken))
        {
            await decisions.RetryOrFailAsync(schedule, slot, attempt, SummaryLog.Error(ex), cancellationToken);
            return;
        }

        if (result is not { IsPosted: true, Message: { } message })
        {
            // What will fail again (the bot may not post in the channel) is closed now instead of retried.
            var error = result.Reason ?? result.Outcome.ToString();
            if (result.Outcome == PostOutcome.Permanent)
            {
                decisions.DropRetry(slot);
                await decisions.CloseFailedAsync(schedule, slot, attempt, error, cancellationToken);
            }
            else
            {
                await decisions.RetryOrFailAsync(schedule, slot, attempt, error, cancellationToken);
            }

            return;
        }

        // From here on the summary is in the channel: whatever happens, this instance never posts it again.
        decisions.DropRetry(slot);
        decisions.Settle(slot);
        if (!await claims.MarkPostedAsync(new PostedSummary(schedule, slot, message, result.Permalink, summary.PackVersion, summary.ExcerptIds), cancellationToken))
        {
            decisions.LookAgainSoon();
        }

        await poster.RecordAnswerAsync(schedule, slot, message, summary.Reply, cancellationToken);
    }
}
