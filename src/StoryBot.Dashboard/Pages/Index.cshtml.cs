using StoryBot.State.Moderation;

namespace StoryBot.Dashboard.Pages;

/// <summary>The overview: today's questions by language, answered and abstained, the open reports, answers per day.</summary>
internal sealed class IndexModel(AnswerStatistics statistics, ReaderReports reports, TimeProvider time) : DashboardPage
{
    public const int ChartDays = 14;

    public DateOnly Today { get; private set; }

    public IReadOnlyList<LanguageFigures> TodayByLanguage { get; private set; } = [];

    public IReadOnlyList<DayFigures> Days { get; private set; } = [];

    public int OpenReports { get; private set; }

    public int AnsweredToday => TodayByLanguage.Sum(l => l.Answered);

    public int AbstainedToday => TodayByLanguage.Sum(l => l.Abstained);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        Today = DateOnly.FromDateTime(now.UtcDateTime);
        var midnight = new DateTimeOffset(Today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        TodayByLanguage = await statistics.ByLanguageAsync(midnight, midnight.AddDays(1), cancellationToken);
        Days = await statistics.PerDayAsync(Today.AddDays(1 - ChartDays), Today, cancellationToken);
        OpenReports = await reports.CountAsync(cancellationToken);
    }

    /// <summary>The share of questions the story could not answer, as people read it ("25 %"), or a dash for none.</summary>
    public static string Rate(int answered, int abstained) =>
        answered + abstained == 0 ? "–" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{100.0 * abstained / (answered + abstained):0} %");
}
