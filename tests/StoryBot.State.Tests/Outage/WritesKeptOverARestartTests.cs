using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.State.Storage;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Outage;

/// <summary>
/// State writes that wait for the store's PostgreSQL when the bot stops: kept in the data
/// directory, they are applied, once, by the next start, or wait again if the server is still away.
/// </summary>
[RequiresPostgres]
public sealed class WritesKeptOverARestartTests : IAsyncLifetime
{
    private readonly PostgresOutage _outage = new();

    public Task InitializeAsync() => _outage.InitializeAsync();

    public Task DisposeAsync() => _outage.DisposeAsync();

    [StorageFact]
    public async Task WritesStillWaitingWhenTheBotStopsAreInTheStoreOnceAfterTheNextStart()
    {
        _outage.Proxy.Cut();
        await _outage.AskAndRecordAsync("reader-1", "message-1");
        await RecordUnansweredAsync("Who won the lawsuit?");
        await _outage.SendAsync(new ChatRequest("discord", "channel-1", "reader-1", "/sources disable anything because"));
        var ticket = await _outage.AcceptAsync("event-1");
        Assert.NotNull(ticket);
        await ticket.PostingAsync(CancellationToken.None);
        Assert.Equal(5, _outage.PendingWrites);

        await _outage.RestartAsync(beforeStart: _outage.Proxy.Restore);

        Assert.Equal(0, _outage.PendingWrites);
        Assert.Empty(_outage.SpillFiles);
        Assert.Equal(1, await _outage.CountAsync("SELECT COUNT(*) FROM answers WHERE message_id = 'message-1' AND user_id = 'reader-1'"));
        Assert.True(await _outage.CountAsync("SELECT COUNT(*) FROM answer_citations") > 0);
        Assert.Equal(1, await _outage.CountAsync("SELECT COUNT(*) FROM unanswered_questions WHERE question = 'Who won the lawsuit?'"));
        Assert.Equal(1, await _outage.CountAsync("SELECT COUNT(*) FROM audit_log WHERE action = 'refused' AND actor_id = 'reader-1'"));
        Assert.Equal(1, await _outage.CountAsync("SELECT COUNT(*) FROM accepted_work WHERE work_key = 'slack:event-1' AND status = 'posting'"));
    }

    [StorageFact]
    public async Task AWriteThatLandedJustAsTheServerWentAwayIsNotAppliedTwiceByTheNextStart()
    {
        _outage.Proxy.CutAtCommitOf("INSERT INTO audit_log");
        await _outage.SendAsync(new ChatRequest("discord", "channel-1", "reader-1", "/sources disable anything because"));
        await RecordUnansweredAsync("Who won the lawsuit?");
        Assert.Equal(2, _outage.PendingWrites);

        await _outage.RestartAsync(beforeStart: _outage.Proxy.Restore);

        Assert.Equal(0, _outage.PendingWrites);
        Assert.Equal(1, await _outage.CountAsync("SELECT COUNT(*) FROM audit_log WHERE action = 'refused'"));
        Assert.Equal(1, await _outage.CountAsync("SELECT COUNT(*) FROM unanswered_questions"));
    }

    [StorageFact]
    public async Task AnUnansweredQuestionWhoseCommitWasCutOffIsRecordedOnceWhenTriedAgain()
    {
        _outage.Proxy.CutAtCommitOf("INSERT INTO unanswered_questions");
        await RecordUnansweredAsync("Who won the lawsuit?");
        Assert.Equal(1, _outage.PendingWrites);

        _outage.Proxy.Restore();
        await _outage.UntilWritesLandedAsync();

        Assert.Equal(1, await _outage.CountAsync("SELECT COUNT(*) FROM unanswered_questions"));
    }

    [StorageFact]
    public async Task ALineCutOffAtTheEndOfTheFileIsSkippedWithAWarningAndTheRestIsApplied()
    {
        _outage.Proxy.Cut();
        await RecordUnansweredAsync("Who won the lawsuit?");
        await RecordUnansweredAsync("Who founded xAI?");

        await _outage.RestartAsync(beforeStart: () =>
        {
            File.AppendAllText(Assert.Single(_outage.SpillFiles), "{\"id\":\"0f3a\",\"kind\":\"unanswered-question\",\"data\":{\"question\":\"How m");
            _outage.Proxy.Restore();
        });

        Assert.Equal(2, await _outage.CountAsync("SELECT COUNT(*) FROM unanswered_questions"));
        var warning = Assert.Single(_outage.Logs.GetSnapshot(), log => log.Level == LogLevel.Warning && log.Message.Contains(StateWriteSpill.FilePrefix, StringComparison.Ordinal));
        Assert.StartsWith("Line 3 of ", warning.Message, StringComparison.Ordinal);
        Assert.Empty(_outage.SpillFiles);
    }

    [StorageFact]
    public async Task AReplayOfARequestWhoseEntryWaitedOverTheRestartIsRecognisedByTheStore()
    {
        _outage.Proxy.Cut();
        Assert.NotNull(await _outage.AcceptAsync("event-1"));

        await _outage.RestartAsync(beforeStart: _outage.Proxy.Restore);

        Assert.Null(await _outage.AcceptAsync("event-1"));
        Assert.Equal(1, await _outage.CountAsync("SELECT COUNT(*) FROM accepted_work WHERE work_key = 'slack:event-1'"));
    }

    [StorageFact]
    public async Task ARequestWhoseEntryStillWaitsAfterTheRestartIsSeenAndLandsOnceTheServerIsBack()
    {
        _outage.Proxy.Cut();
        var ticket = await _outage.AcceptAsync("event-1");
        Assert.NotNull(ticket);
        await ticket.CompleteAsync(CancellationToken.None);

        // Reachable for the migration, gone while the left-over writes are applied.
        await _outage.RestartAsync(beforeStart: _outage.Proxy.Restore, afterStarting: async hosted =>
        {
            if (hosted is StateMigrationService)
            {
                _outage.Proxy.Cut();
            }
            else if (hosted is StateWriteReplayService)
            {
                Assert.Equal(2, _outage.PendingWrites);
                Assert.Null(await _outage.AcceptAsync("event-1"));
                _outage.Proxy.Restore();
            }
        });

        await _outage.UntilWritesLandedAsync();
        Assert.Null(await _outage.AcceptAsync("event-1"));
        Assert.Equal(1, await _outage.CountAsync("SELECT COUNT(*) FROM accepted_work WHERE work_key = 'slack:event-1' AND status = 'done'"));
        Assert.Empty(_outage.SpillFiles);
    }

    private Task RecordUnansweredAsync(string question) =>
        _outage.Services.GetRequiredService<IUnansweredQuestions>().RecordAsync(
            new UnansweredQuestion(question, Language.English, "discord", ChannelKind.Channel, _outage.Time.GetUtcNow()),
            CancellationToken.None);
}
