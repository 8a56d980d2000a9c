using StoryBot.State.Moderation;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Moderation;

public sealed class DashboardReadSchemaTests : IAsyncLifetime
{
    private SqliteBackend Backend { get; } = new();

    public Task InitializeAsync() => Backend.InitializeAsync();

    public async Task DisposeAsync() => await Backend.DisposeAsync();

    [Fact]
    public async Task ThePeriodsAnswersForTheMostCitedAreReadFromTheIndexByTimeAloneAndJoinedByKey()
    {
        var database = Backend.Open(new DashboardReadSchema());
        await database.MigrateAsync(CancellationToken.None);

        var plan = await database.ReadAsync(
            session => session.QueryAsync(
                "EXPLAIN QUERY PLAN " + AnswerStatistics.MostCited,
                row => row.GetString(3),
                ("from", 0L),
                ("until", 1L),
                ("count", 10L)),
            CancellationToken.None);

        Assert.Contains(plan, step => step.Contains("USING COVERING INDEX answers_posted_id (posted_at>? AND posted_at<?)", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.Contains("USING COVERING INDEX sqlite_autoindex_answer_citations_1 (answer_id=?)", StringComparison.Ordinal));
    }
}
