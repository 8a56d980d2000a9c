using System.ComponentModel.DataAnnotations;

namespace StoryBot.State.Moderation;

/// <summary>
/// How long answers are kept and how corrections are retried (section <c>Moderation</c>,
/// next to the moderator lists the adapters read).
/// </summary>
public sealed class ModerationStateOptions
{
    public const string Section = "Moderation";

    /// <summary>Answers older than this are forgotten: no longer reportable or corrected.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00", ErrorMessage = "Moderation:AnswerRetention must be between 1 hour and 3650 days.")]
    public TimeSpan AnswerRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often expired answers are purged.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Moderation:PurgeInterval must be between 1 minute and 1 day.")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts per correction step (edit, then the fallback reply) before giving up.</summary>
    [Range(1, 50, ErrorMessage = "Moderation:CorrectionMaxAttempts must be between 1 and 50.")]
    public int CorrectionMaxAttempts { get; set; } = 8;

    /// <summary>The first retry delay; each further retry doubles it, up to 30 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Moderation:CorrectionRetryDelay must be between 1 second and 1 hour.")]
    public TimeSpan CorrectionRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the correction queue is checked when nothing nudges it (another instance may have queued work).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Moderation:CorrectionPollInterval must be between 1 second and 1 hour.")]
    public TimeSpan CorrectionPollInterval { get; set; } = TimeSpan.FromSeconds(30);
}
