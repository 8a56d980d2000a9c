using StoryBot.State.Moderation;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Moderation;

/// <summary>The overview's answer times cost the day's timed rows, read in order from their indexes, never a scan or a sort.</summary>
public sealed class AnswerTimesIndexTests : IAsyncLifetime
{
    private SqliteBackend Backend { get; } = new();

    public Task InitializeAsync() => Backend.InitializeAsync();

    public async Task DisposeAsync() => await Backend.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task APercentileIsReadFromBothDayIndexesInDurationOrderWithoutASort(bool fromLongest)
    {
        var plan = await PlanAsync(AnswerStatistics.DurationAt(fromLongest), ("skip", 0L));

        Assert.Contains(plan, step => step.Contains("INDEX answers_day_duration (", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.Contains("INDEX unanswered_questions_day_duration (", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheDaysTimesAreCountedFromBothDayIndexes()
    {
        var plan = await PlanAsync(AnswerStatistics.DayCount);

        Assert.Contains(plan, step => step.Contains("INDEX answers_day_duration (", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.Contains("INDEX unanswered_questions_day_duration (", StringComparison.Ordinal));
    }

    private async Task<IReadOnlyList<string>> PlanAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        var database = Backend.Open();
        await database.MigrateAsync(CancellationToken.None);
        return await database.ReadAsync(
            session => session.QueryAsync("EXPLAIN QUERY PLAN " + sql, row => row.GetString(3), [("day", 20_000L), .. parameters]),
            CancellationToken.None);
    }
}
