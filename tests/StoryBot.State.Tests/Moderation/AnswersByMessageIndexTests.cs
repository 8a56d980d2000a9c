using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Moderation;

public sealed class AnswersByMessageIndexTests : IAsyncLifetime
{
    private SqliteBackend Backend { get; } = new();

    public Task InitializeAsync() => Backend.InitializeAsync();

    public async Task DisposeAsync() => await Backend.DisposeAsync();

    [Fact]
    public async Task AnAnswerIsLookedUpByItsMessageIdThroughAnIndexNotAScan()
    {
        var database = Backend.Open();
        await database.MigrateAsync(CancellationToken.None);

        var plan = await database.ReadAsync(
            session => session.QueryAsync(
                "EXPLAIN QUERY PLAN SELECT 1 FROM answers WHERE platform = @platform AND message_id = @message LIMIT 1",
                row => row.GetString(3),
                ("platform", "discord"),
                ("message", "m-1")),
            CancellationToken.None);

        Assert.Contains(plan, step => step.Contains("USING COVERING INDEX answers_message", StringComparison.Ordinal));
    }
}
