using System.Globalization;

namespace StoryBot.State.Summaries;

/// <summary>
/// One firing of one schedule. The key is the slot's UTC instant, which Cronos yields once per
/// local occurrence: a time inside the repeated autumn hour maps to a single instant, so the key
/// cannot double; a time inside the skipped spring hour moves to the instant the clocks jump.
/// </summary>
public readonly record struct SummarySlot(string Schedule, DateTimeOffset Utc)
{
    /// <summary>The slot as stored in the ledger: whole seconds since the Unix epoch.</summary>
    public long UnixSeconds => Utc.ToUnixTimeSeconds();

    public override string ToString() => $"{Schedule}@{Utc.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture)}";
}

/// <summary>Computes when schedules fire, as UTC instants.</summary>
public static class SummarySlots
{
    /// <summary>The slots in (<paramref name="after"/>, <paramref name="until"/>], oldest first.</summary>
    public static IEnumerable<SummarySlot> Between(SummarySchedule schedule, DateTimeOffset after, DateTimeOffset until) =>
        after >= until
            ? []
            : schedule.Expression
                .GetOccurrences(after, until, schedule.Zone, fromInclusive: false, toInclusive: true)
                .Select(occurrence => new SummarySlot(schedule.Name, occurrence.ToUniversalTime()));

    /// <summary>The first slot strictly after <paramref name="after"/>, if the rule ever fires again.</summary>
    public static SummarySlot? Next(SummarySchedule schedule, DateTimeOffset after) =>
        schedule.Expression.GetNextOccurrence(after, schedule.Zone, inclusive: false) is { } next
            ? new SummarySlot(schedule.Name, next.ToUniversalTime())
            : null;

    /// <summary>The slot in the schedule's own zone, for people reading logs and the ledger.</summary>
    public static string Local(SummarySchedule schedule, SummarySlot slot)
    {
        var local = TimeZoneInfo.ConvertTime(slot.Utc, schedule.Zone);
        return string.Create(CultureInfo.InvariantCulture, $"{local:yyyy-MM-dd HH:mm zzz} {schedule.Zone.Id}");
    }
}
