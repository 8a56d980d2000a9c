using StoryBot.State.Moderation;

namespace StoryBot.State.Corrections;

public enum CorrectionStatus
{
    Pending,

    /// <summary>The posted answer was edited in place.</summary>
    Edited,

    /// <summary>Editing was impossible; a corrected reply was posted in the channel instead.</summary>
    Posted,

    Failed,

    /// <summary>The target was enabled again before the correction ran.</summary>
    Cancelled,

    /// <summary>The answer turned out to need no change.</summary>
    Skipped,
}

public enum CorrectionMode
{
    Edit,
    Post,
}

public sealed record CorrectionRecord(
    long Id,
    long AnswerId,
    CitationTarget Target,
    CorrectionStatus Status,
    CorrectionMode Mode,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError);

/// <param name="Outcome">"done", "retry", "edit-impossible" or "failed".</param>
public sealed record CorrectionAttempt(long CorrectionId, CorrectionMode Mode, string Outcome, string? Error, DateTimeOffset At);
