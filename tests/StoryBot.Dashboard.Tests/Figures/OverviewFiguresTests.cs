using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StoryBot.Dashboard.Figures;
using StoryBot.Dashboard.Tests.TestSupport;

namespace StoryBot.Dashboard.Tests.Figures;

public sealed class OverviewFiguresTests
{
    private const string Question = "How much has SoftBank secured according to Musk?";
    private const string Excerpt = "musk-softbank-under-10bn";
    private static readonly DateOnly Monday = new(2026, 3, 2);

    [Fact]
    public async Task TodayIsCountedOnEveryReadAndADayThatEndedIsReadOnceAnHour()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));
        await using var bot = await DashboardBot.StartAsync(overrides: services => services.AddSingleton<TimeProvider>(time));
        var figures = bot.Services.GetRequiredService<OverviewFigures>();
        await bot.AskAsync(Question);
        time.Advance(TimeSpan.FromDays(1));
        await bot.AskAsync(Question);

        var first = await figures.ReadAsync(Monday, Monday.AddDays(1), 10, CancellationToken.None);
        await bot.AskAsync(Question);
        RecordLateAnswerOn(bot, Monday);
        var second = await figures.ReadAsync(Monday, Monday.AddDays(1), 10, CancellationToken.None);
        time.Advance(OverviewFigures.Kept);
        var third = await figures.ReadAsync(Monday, Monday.AddDays(1), 10, CancellationToken.None);

        Assert.Equal([1, 1], first.Days.Select(d => d.Answered));
        Assert.Equal(new(Excerpt, 2), first.MostCited[0]);
        Assert.Equal([1, 2], second.Days.Select(d => d.Answered));
        Assert.Equal(new(Excerpt, 3), second.MostCited[0]);
        Assert.Equal([2, 2], third.Days.Select(d => d.Answered));
        Assert.Equal(new(Excerpt, 3), third.MostCited[0]);
    }

    /// <summary>An answer written into a day that has ended, as only a purge or a restore of the file would change it.</summary>
    private static void RecordLateAnswerOn(DashboardBot bot, DateOnly day)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(bot.Folder, "state.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO answers (platform, channel_id, message_id, thread_id, user_id, question, language, reply, posted_at)
            SELECT platform, channel_id, message_id || '-late', thread_id, user_id, question, language, reply, @at FROM answers ORDER BY id LIMIT 1
            """;
        command.Parameters.AddWithValue("at", new DateTimeOffset(day.ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero).ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
    }
}
