using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace StoryBot.State.Telemetry;

/// <summary>
/// The state library's instruments, named in one place: a <see cref="Meter"/> called
/// <see cref="Name"/>, which the host hands to OpenTelemetry beside the core's.
/// </summary>
public sealed class StateTelemetry : IDisposable
{
    public const string Name = "StoryBot.State";

    private readonly Meter _meter;
    private readonly Counter<long> _summarySlots;

    public StateTelemetry(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(Name, typeof(StateTelemetry).Assembly.GetName().Version?.ToString(3));
        _summarySlots = _meter.CreateCounter<long>(Instruments.SummarySlots, "{slot}", "Daily summary slots this instance moved to a status: claimed, taken over, retrying, posted, failed, skipped.");
    }

    /// <summary>Counts a slot this instance moved to <paramref name="status"/> (one of <see cref="SlotStatuses"/>).</summary>
    public void SummarySlot(string platform, string status) =>
        _summarySlots.Add(1, new TagList { { Tags.Platform, platform }, { Tags.SummaryStatus, status } });

    public void Dispose() => _meter.Dispose();

    public static class Instruments
    {
        public const string SummarySlots = "storybot.summary.slots";
    }

    public static class Tags
    {
        public const string Platform = "storybot.platform";
        public const string SummaryStatus = "storybot.summary.status";
    }

    /// <summary>The statuses a slot is counted under (<see cref="Tags.SummaryStatus"/>).</summary>
    public static class SlotStatuses
    {
        /// <summary>This instance claimed the slot to post it.</summary>
        public const string Claimed = "claimed";

        /// <summary>This instance took over a claim whose holder stopped.</summary>
        public const string TakenOver = "taken_over";

        /// <summary>A post failed; the claim is held for another attempt.</summary>
        public const string Retrying = "retrying";

        public const string Posted = "posted";

        /// <summary>Every attempt failed: the slot is closed without a summary.</summary>
        public const string Failed = "failed";

        /// <summary>Too late, or a newer slot of the schedule is due: recorded as skipped.</summary>
        public const string Skipped = "skipped";
    }
}
