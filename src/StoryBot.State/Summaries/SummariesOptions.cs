namespace StoryBot.State.Summaries;

/// <summary>Daily story summaries (section <c>Summaries</c>).</summary>
public sealed class SummariesOptions
{
    public const string Section = "Summaries";

    /// <summary>The channels that get a summary, and when.</summary>
    public IList<SummaryScheduleOptions> Schedules { get; } = [];

    /// <summary>
    /// How long after its slot a summary may still be posted: after downtime across a slot, and
    /// the time a failing platform gets for retries. A slot older than this is recorded as skipped.
    /// </summary>
    public TimeSpan CatchUpWindow { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// How long a claim on a slot holds without a recorded post before another instance (or a
    /// restarted one) may take it over. Longer than the slowest single post attempt.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Post attempts per slot before it is recorded as failed (also bounded by the window).</summary>
    public int MaxPostAttempts { get; set; } = 6;

    /// <summary>Wait before the first retry; doubles for every further one, up to 10 minutes.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>One channel's summary schedule, as written in configuration.</summary>
public sealed class SummaryScheduleOptions
{
    /// <summary>Unique name; part of the ledger key, so renaming a schedule starts it afresh.</summary>
    public string? Name { get; set; }

    /// <summary><c>discord</c>, <c>slack</c> or <c>console</c>.</summary>
    public string? Platform { get; set; }

    /// <summary>The channel the summary is posted in, as the platform names it (a Discord channel id, a Slack <c>C…</c> id).</summary>
    public string? ChannelId { get; set; }

    /// <summary>A 5-field cron expression, read in <see cref="TimeZone"/>. Exclusive with <see cref="Time"/>.</summary>
    public string? Cron { get; set; }

    /// <summary>A daily local time, <c>HH:mm</c>. Exclusive with <see cref="Cron"/>.</summary>
    public string? Time { get; set; }

    /// <summary>An IANA time zone id such as <c>Europe/Berlin</c>.</summary>
    public string? TimeZone { get; set; }

    /// <summary><c>en</c> or <c>de</c>.</summary>
    public string? Language { get; set; }
}
