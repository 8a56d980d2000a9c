using StoryBot.State.Storage;

namespace StoryBot.State.Moderation;

/// <summary>How many questions were answered and how many the story could not answer, in one language.</summary>
public sealed record LanguageFigures(string Language, int Answered, int Abstained);

/// <summary>The same figures for one UTC day.</summary>
public sealed record DayFigures(DateOnly Day, int Answered, int Abstained);

/// <summary>How many answers cited one excerpt.</summary>
public sealed record CitedExcerpt(string ExcerptId, int Answers);

/// <summary>Nearest-rank percentiles of how long the timed answers and abstentions of one UTC day took.</summary>
public sealed record LatencyFigures(int Answers, TimeSpan P50, TimeSpan P95, TimeSpan P99);

/// <summary>
/// Counts over the recorded answers and the unanswered questions, for the curators' overview. Both
/// tables are read by their time index, so a count costs the rows in its period, not the table.
/// </summary>
public sealed class AnswerStatistics(IStateDatabase database)
{
    internal const long DayMilliseconds = 86_400_000;

    /// <summary>How many times were recorded on the day <c>@day</c> (days since the Unix epoch).</summary>
    internal static readonly string DayCount = $"""
        SELECT (SELECT COUNT(*) FROM answers WHERE posted_at / {DayMilliseconds} = @day AND duration_ms IS NOT NULL)
             + (SELECT COUNT(*) FROM unanswered_questions WHERE asked_at / {DayMilliseconds} = @day AND duration_ms IS NOT NULL)
        """;

    // The day's timed rows of both tables, each read from its index by day in duration order
    // (ModerationSchema 111): SQLite merges the two, PostgreSQL keeps the top rows in a heap.
    private static readonly string DayDurations = $"""
        SELECT duration_ms FROM answers WHERE posted_at / {DayMilliseconds} = @day AND duration_ms IS NOT NULL
        UNION ALL
        SELECT duration_ms FROM unanswered_questions WHERE asked_at / {DayMilliseconds} = @day AND duration_ms IS NOT NULL
        """;

    /// <summary>The time <c>@skip</c> rows from the shortest of the day's, or from the longest.</summary>
    internal static string DurationAt(bool fromLongest) =>
        $"{DayDurations} ORDER BY duration_ms {(fromLongest ? "DESC" : "ASC")} LIMIT 1 OFFSET @skip";

    /// <summary>Per language, the questions answered and abstained on in [<paramref name="from"/>, <paramref name="until"/>).</summary>
    public Task<IReadOnlyList<LanguageFigures>> ByLanguageAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
        database.ReadAsync(
            async session =>
            {
                var period = Period(from, until);
                var answered = await CountsAsync(session, "SELECT language, COUNT(*) FROM answers WHERE posted_at >= @from AND posted_at < @until GROUP BY language", period);
                var abstained = await CountsAsync(session, "SELECT language, COUNT(*) FROM unanswered_questions WHERE asked_at >= @from AND asked_at < @until GROUP BY language", period);
                IReadOnlyList<LanguageFigures> figures =
                [
                    .. answered.Keys.Union(abstained.Keys).Order(StringComparer.Ordinal)
                        .Select(language => new LanguageFigures(language, answered.GetValueOrDefault(language), abstained.GetValueOrDefault(language))),
                ];
                return figures;
            },
            cancellationToken);

    /// <summary>Every UTC day from <paramref name="first"/> to <paramref name="last"/>, days without questions included.</summary>
    public Task<IReadOnlyList<DayFigures>> PerDayAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken) =>
        database.ReadAsync(
            async session =>
            {
                var from = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                var period = Period(from, from.AddDays(last.DayNumber - first.DayNumber + 1));
                var answered = await CountsAsync(session, $"SELECT posted_at / {DayMilliseconds}, COUNT(*) FROM answers WHERE posted_at >= @from AND posted_at < @until GROUP BY posted_at / {DayMilliseconds}", period);
                var abstained = await CountsAsync(session, $"SELECT asked_at / {DayMilliseconds}, COUNT(*) FROM unanswered_questions WHERE asked_at >= @from AND asked_at < @until GROUP BY asked_at / {DayMilliseconds}", period);
                IReadOnlyList<DayFigures> days =
                [
                    .. Enumerable.Range(first.DayNumber, last.DayNumber - first.DayNumber + 1).Select(number =>
                    {
                        var day = DateOnly.FromDayNumber(number);
                        var key = UnixDay(day).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        return new DayFigures(day, answered.GetValueOrDefault(key), abstained.GetValueOrDefault(key));
                    }),
                ];
                return days;
            },
            cancellationToken);

    // The period's answer ids from the index by time alone (DashboardReadSchema 500), each joined to
    // its citations through their primary key.
    internal const string MostCited = """
        SELECT c.excerpt_id, COUNT(*) FROM answers a JOIN answer_citations c ON c.answer_id = a.id
        WHERE a.posted_at >= @from AND a.posted_at < @until
        GROUP BY c.excerpt_id ORDER BY COUNT(*) DESC, c.excerpt_id LIMIT @count
        """;

    /// <summary>The excerpts cited by the most answers posted in [<paramref name="from"/>, <paramref name="until"/>), most cited first.</summary>
    public Task<IReadOnlyList<CitedExcerpt>> MostCitedAsync(DateTimeOffset from, DateTimeOffset until, int count, CancellationToken cancellationToken) =>
        database.ReadAsync(
            session => session.QueryAsync(
                MostCited,
                row => new CitedExcerpt(row.GetString(0), checked((int)row.GetInt64(1))),
                [.. Period(from, until), ("count", (long)count)]),
            cancellationToken);

    /// <summary>
    /// The p50, p95 and p99 of the answer times recorded on <paramref name="day"/> (UTC) by every
    /// instance, answers and abstentions alike; null when none was timed. Nearest rank: the smallest
    /// time with at least that share of the day's at or below it. Each is one row read at an offset
    /// from the nearer end of the day's times in order, so a busy day costs at most half its rows.
    /// </summary>
    public Task<LatencyFigures?> LatencyAsync(DateOnly day, CancellationToken cancellationToken) =>
        database.ReadAsync(
            async session =>
            {
                var dayNumber = ("day", (object?)UnixDay(day));
                var count = await session.ScalarAsync<long>(DayCount, dayNumber);
                if (count == 0)
                {
                    return null;
                }

                async Task<TimeSpan> AtAsync(double share)
                {
                    var rank = Math.Max(0, (long)Math.Ceiling(share * count) - 1);
                    var fromLongest = rank >= count / 2;
                    var milliseconds = await session.ScalarAsync<double>(
                        DurationAt(fromLongest),
                        dayNumber,
                        ("skip", fromLongest ? count - 1 - rank : rank));
                    return TimeSpan.FromMilliseconds(milliseconds);
                }

                return new LatencyFigures(checked((int)count), await AtAsync(0.50), await AtAsync(0.95), await AtAsync(0.99));
            },
            cancellationToken);

    private static (string, object?)[] Period(DateTimeOffset from, DateTimeOffset until) =>
        [("from", from.ToUnixTimeMilliseconds()), ("until", until.ToUnixTimeMilliseconds())];

    private static async Task<Dictionary<string, int>> CountsAsync(StateSession session, string sql, (string, object?)[] period)
    {
        var rows = await session.QueryAsync(
            sql,
            row => (Key: Convert.ToString(row.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!, Count: checked((int)row.GetInt64(1))),
            period);
        return rows.ToDictionary(r => r.Key, r => r.Count, StringComparer.Ordinal);
    }

    private static long UnixDay(DateOnly day) => day.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
}
