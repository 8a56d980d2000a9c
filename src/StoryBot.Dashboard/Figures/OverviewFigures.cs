using System.Collections.Concurrent;
using StoryBot.State.Moderation;

namespace StoryBot.Dashboard.Figures;

/// <summary>The overview's questions per day and most cited excerpts over its chart's days.</summary>
internal sealed record DaysFigures(IReadOnlyList<DayFigures> Days, IReadOnlyList<CitedExcerpt> MostCited);

/// <summary>
/// The overview's figures per UTC day. A day that ended is not written to any more, so its counts
/// are read once and kept for <see cref="Kept"/> (a retention purge shows within that time); only
/// today, and a day that ended less than <see cref="Settling"/> ago (answers recorded late), are
/// read on every view. With 100,000 recorded answers, counting the citations of two weeks on
/// every view took most of the overview's time.
/// </summary>
internal sealed class OverviewFigures(AnswerStatistics statistics, TimeProvider time)
{
    public static readonly TimeSpan Settling = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Kept = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<DateOnly, Day> _settled = new();

    public async Task<DaysFigures> ReadAsync(DateOnly first, DateOnly last, int mostCited, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var days = new List<DayFigures>(last.DayNumber - first.DayNumber + 1);
        var cited = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            var day = await DayAsync(date, now, cancellationToken);
            days.Add(day.Figures);
            foreach (var excerpt in day.Cited)
            {
                cited[excerpt.ExcerptId] = cited.GetValueOrDefault(excerpt.ExcerptId) + excerpt.Answers;
            }
        }

        IReadOnlyList<CitedExcerpt> most =
        [
            .. cited.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(mostCited).Select(c => new CitedExcerpt(c.Key, c.Value)),
        ];
        return new DaysFigures(days, most);
    }

    private async Task<Day> DayAsync(DateOnly date, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = start.AddDays(1);
        if (_settled.TryGetValue(date, out var kept) && now < kept.ReadAt + Kept)
        {
            return kept;
        }

        var figures = (await statistics.PerDayAsync(date, date, cancellationToken))[0];
        var cited = await statistics.MostCitedAsync(start, end, int.MaxValue, cancellationToken);
        var day = new Day(figures, cited, now);
        if (now >= end + Settling)
        {
            _settled[date] = day;
        }

        return day;
    }

    private sealed record Day(DayFigures Figures, IReadOnlyList<CitedExcerpt> Cited, DateTimeOffset ReadAt);
}
