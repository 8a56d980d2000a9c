using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Platforms;
using StoryBot.State.Moderation;

namespace StoryBot.State.Corrections;

/// <summary>
/// Runs due corrections one at a time: edit the posted answer; where editing is impossible,
/// post the corrected answer in its thread (in its channel when it sits in none); retry
/// transient failures with a doubling delay. Every attempt, its outcome and the final result
/// are recorded.
/// </summary>
public sealed class CorrectionProcessor(
    CorrectionLedger ledger,
    IEnumerable<IChannelPoster> posters,
    IOptions<ModerationStateOptions> options,
    TimeProvider time,
    ILogger<CorrectionProcessor> logger)
{
    private const int BatchSize = 20;
    private const int MaxPerRun = 200;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(30);

    /// <summary>The platforms this instance can edit on (lowercase, as answers record them).</summary>
    private string[] Platforms => [.. posters.Select(p => p.Platform.ToLowerInvariant()).Distinct(StringComparer.Ordinal)];

    /// <returns>How many corrections were attempted.</returns>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var attempted = 0;
        int batch;
        do
        {
            // Again after a batch: a correction whose edit proved impossible is due at once for its post.
            batch = await RunBatchAsync(cancellationToken);
            attempted += batch;
        }
        while (batch > 0 && attempted < MaxPerRun);

        return attempted;
    }

    private async Task<int> RunBatchAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var attempted = 0;
        foreach (var id in await ledger.DueAsync(now, Platforms, BatchSize, cancellationToken))
        {
            if (!await ledger.TryClaimAsync(id, now, now + Lease, cancellationToken))
            {
                continue; // Another instance took it.
            }

            try
            {
                var work = await ledger.LoadAsync(id, cancellationToken);
                if (work is not null)
                {
                    await ProcessAsync(work, cancellationToken);
                    attempted++;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping mid-attempt: hand the correction back at once rather than when the lease ends.
                await ledger.ReleaseAsync(id, CancellationToken.None);
                throw;
            }
        }

        return attempted;
    }

    internal Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken) => ledger.NextDueAsync(Platforms, cancellationToken);

    private async Task ProcessAsync(CorrectionWork work, CancellationToken cancellationToken)
    {
        var correction = work.Correction;
        var reason = $"{correction.Target} withdrawn";
        if (work.Answer is not { } answer)
        {
            await FinishAsync(correction, "failed", "The answer is no longer on record (retention).", CorrectionStatus.Failed, AuditLog.Actions.CorrectionFailed, $"answer #{correction.AnswerId}", reason, cancellationToken);
            return;
        }

        var target = $"answer #{answer.Id}: message {answer.Message.MessageId} in {answer.Message.Platform} channel {answer.Message.ChannelId}";
        var corrected = CorrectedReply.Build(answer.Reply, work.Withdrawn, noteFirst: correction.Mode == CorrectionMode.Post);
        if (corrected is null)
        {
            await FinishAsync(correction, "done", null, CorrectionStatus.Skipped, null, null, null, cancellationToken);
            return;
        }

        var poster = posters.FirstOrDefault(p => string.Equals(p.Platform, answer.Message.Platform, StringComparison.OrdinalIgnoreCase));
        PostResult result;
        if (poster is null)
        {
            result = PostResult.Permanent($"No poster is registered for platform '{answer.Message.Platform}'.");
        }
        else
        {
            try
            {
                result = correction.Mode == CorrectionMode.Edit
                    ? await poster.EditAsync(answer.Message, corrected, cancellationToken)
                    : await poster.PostNextToAsync(answer.Message, corrected, cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The adapters classify what the platform said; anything else is tried again.
                result = PostResult.Unexpected(exception);
            }
        }

        if (!result.IsPosted)
        {
            await RecordFailureAsync(correction, result, poster is null, target, reason, cancellationToken);
            return;
        }

        // Recorded only once the platform has it: a failure to record a success is not a platform failure.
        await (correction.Mode == CorrectionMode.Edit
            ? FinishAsync(correction, "done", null, CorrectionStatus.Edited, AuditLog.Actions.CorrectionEdited, target, reason, cancellationToken)
            : FinishAsync(correction, "done", null, CorrectionStatus.Posted, AuditLog.Actions.CorrectionPosted, $"{target} (correction posted as message {result.Message!.MessageId})", reason, cancellationToken));
    }

    private async Task RecordFailureAsync(CorrectionRecord correction, PostResult failure, bool noPoster, string target, string reason, CancellationToken cancellationToken)
    {
        var error = failure.Reason ?? failure.Outcome.ToString();
        var permanent = failure.Outcome == PostOutcome.Permanent;
        var now = time.GetUtcNow();
        var exhausted = correction.Attempts >= options.Value.CorrectionMaxAttempts;
        if ((permanent || exhausted) && correction.Mode == CorrectionMode.Edit && !noPoster)
        {
            // Whatever stops the edit, a new post in the channel may still get the correction out.
            logger.LogWarning("Correction {Id}: the answer cannot be edited ({Error}); posting the correction instead", correction.Id, error);
            await ledger.RecordAsync(
                correction,
                new CorrectionStep("edit-impossible", error, CorrectionStatus.Pending, CorrectionMode.Post, now, ResetAttempts: true, null, null, null),
                cancellationToken);
            return;
        }

        if (permanent || exhausted)
        {
            logger.LogError(
                "Correction {Id} of {Target} failed after {Attempts} attempt(s): {Error}. The answer still shows the withdrawn excerpt; edit or delete it by hand.",
                correction.Id,
                target,
                correction.Attempts,
                error);
            await FinishAsync(correction, "failed", error, CorrectionStatus.Failed, AuditLog.Actions.CorrectionFailed, target, $"{reason}; {error}", cancellationToken);
            return;
        }

        var delay = RetryDelay(correction.Attempts);
        logger.LogInformation("Correction {Id} attempt {Attempt} failed ({Error}); retrying in {Delay}", correction.Id, correction.Attempts, error, delay);
        await ledger.RecordAsync(
            correction,
            new CorrectionStep("retry", error, CorrectionStatus.Pending, correction.Mode, now + delay, ResetAttempts: false, null, null, null),
            cancellationToken);
    }

    private TimeSpan RetryDelay(int attempts)
    {
        var first = options.Value.CorrectionRetryDelay;
        var factor = Math.Pow(2, Math.Min(attempts - 1, 16));
        return TimeSpan.FromTicks((long)Math.Min(first.Ticks * factor, MaxRetryDelay.Ticks));
    }

    private Task FinishAsync(
        CorrectionRecord correction,
        string outcome,
        string? error,
        CorrectionStatus status,
        string? auditAction,
        string? auditTarget,
        string? auditReason,
        CancellationToken cancellationToken) =>
        ledger.RecordAsync(
            correction,
            new CorrectionStep(outcome, error, status, correction.Mode, time.GetUtcNow(), ResetAttempts: false, auditAction, auditTarget, auditReason),
            cancellationToken);
}
