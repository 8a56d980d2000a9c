using StoryBot.Dashboard.Figures;
using StoryBot.State.Moderation;

namespace StoryBot.Dashboard.Pages;

/// <summary>The overview: today's questions by language, answered and abstained, how long they took, the open reports, answers per day.</summary>
internal sealed class IndexModel(AnswerStatistics statistics, OverviewFigures perDay, ReaderReports reports, TimeProvider time) : DashboardPage
{
    public const int ChartDays = 14;

    public const int MostCitedShown = 10;

    public DateOnly Today { get; private set; }

    public IReadOnlyList<LanguageFigures> TodayByLanguage { get; private set; } = [];

    public IReadOnlyList<DayFigures> Days { get; private set; } = [];

    public int OpenReports { get; private set; }

    /// <summary>The excerpts the answers of the chart's days cited most.</summary>
    public IReadOnlyList<CitedExcerpt> MostCited { get; private set; } = [];

    /// <summary>How long today's answers and abstentions took, recorded by every instance; null before the first.</summary>
    public LatencyFigures? Latency { get; private set; }

    public int AnsweredToday => TodayByLanguage.Sum(l => l.Answered);

    public int AbstainedToday => TodayByLanguage.Sum(l => l.Abstained);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        Today = DateOnly.FromDateTime(now.UtcDateTime);
        var midnight = new DateTimeOffset(Today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        TodayByLanguage = await statistics.ByLanguageAsync(midnight, midnight.AddDays(1), cancellationToken);
        (Days, MostCited) = await perDay.ReadAsync(Today.AddDays(1 - ChartDays), Today, MostCitedShown, cancellationToken);
        OpenReports = await reports.CountAsync(cancellationToken);
        Latency = await statistics.LatencyAsync(Today, cancellationToken);
    }

    /// <summary>A duration as people read it: "12 ms", "1.4 s".</summary>
    public static string Duration(TimeSpan duration) =>
        duration < TimeSpan.FromSeconds(1)
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.#} ms")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.#} s");

    /// <summary>The share of questions the story could not answer, as people read it ("25 %"), or a dash for none.</summary>
    public static string Rate(int answered, int abstained) =>
        answered + abstained == 0 ? "–" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{100.0 * abstained / (answered + abstained):0} %");
}
