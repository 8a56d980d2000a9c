using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.State.Storage;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Outage;

/// <summary>Answering, recording and readiness while the state store's PostgreSQL cannot be reached.</summary>
[RequiresPostgres]
public sealed class PostgresLostAtRuntimeTests : IAsyncLifetime
{
    private readonly PostgresOutage _outage = new();

    private IServiceProvider Services => _outage.Services;

    public Task InitializeAsync() => _outage.InitializeAsync();

    public Task DisposeAsync() => _outage.DisposeAsync();

    [StorageFact]
    public async Task AQuestionIsAnsweredWhileTheServerIsUnreachableAndItsRecordLandsOnceItIsBack()
    {
        var before = await _outage.AskAndRecordAsync("reader-1", "message-1");
        Assert.Equal(ReplyKind.Answer, before.Kind);
        Assert.Equal(1, await _outage.CountAsync("SELECT COUNT(*) FROM answers"));

        _outage.Proxy.Cut();
        var during = await _outage.AskAndRecordAsync("reader-2", "message-2");
        Assert.Equal(ReplyKind.Answer, during.Kind);
        Assert.NotEmpty(during.Citations);
        Assert.Equal(1, await _outage.CountAsync("SELECT COUNT(*) FROM answers"));
        Assert.True(_outage.PendingWrites > 0);

        _outage.Proxy.Restore();
        await _outage.UntilAsync(async () => await _outage.CountAsync("SELECT COUNT(*) FROM answers") == 2);
        Assert.Equal(1, await _outage.CountAsync("SELECT COUNT(*) FROM answers WHERE message_id = 'message-2'"));
    }

    [StorageFact]
    public async Task JournalEntriesMadeDuringTheOutageLandInOrderOnceTheServerIsBack()
    {
        var journal = Services.GetRequiredService<IWorkJournal>();

        _outage.Proxy.Cut();
        var ticket = await journal.TryAcceptAsync("slack", "message", "event-1", "{}", TimeSpan.FromDays(1), _outage.Time, CancellationToken.None);
        Assert.NotNull(ticket);
        await ticket.PostingAsync(CancellationToken.None);
        await ticket.CompleteAsync(CancellationToken.None);

        _outage.Proxy.Restore();
        await _outage.UntilWritesLandedAsync();
        Assert.Equal(1, await _outage.CountAsync("SELECT COUNT(*) FROM accepted_work WHERE work_key = 'slack:event-1' AND status = 'done'"));
        Assert.Empty(await journal.UnfinishedAsync(CancellationToken.None));
    }

    [StorageFact]
    public async Task ReadinessIsUnhealthyWhileTheServerIsUnreachableAndHealthyOnceItIsBackAndTheWritesLanded()
    {
        var health = Services.GetRequiredService<HealthCheckService>();
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(CancellationToken.None)).Status);

        _outage.Proxy.Cut();
        await _outage.AskAndRecordAsync("reader-1", "message-1");
        var down = await health.CheckHealthAsync(CancellationToken.None);
        Assert.Equal(HealthStatus.Unhealthy, down.Status);
        Assert.Equal(HealthStatus.Unhealthy, down.Entries[StateStoreHealthCheck.Name].Status);

        _outage.Proxy.Restore();
        await _outage.UntilAsync(async () => (await health.CheckHealthAsync(CancellationToken.None)).Status == HealthStatus.Healthy);
        Assert.Equal(1, await _outage.CountAsync("SELECT COUNT(*) FROM answers"));
    }

    [StorageFact]
    public async Task AnOutageIsLoggedOnceWhenItStartsAndOnceWhenItEndsAndNoLineNamesThePassword()
    {
        var health = Services.GetRequiredService<HealthCheckService>();
        _outage.Proxy.Cut();
        for (var i = 0; i < 3; i++)
        {
            await _outage.AskAndRecordAsync($"reader-{i}", $"message-{i}");
            await health.CheckHealthAsync(CancellationToken.None);
        }

        _outage.Proxy.Restore();
        await _outage.UntilAsync(async () => (await health.CheckHealthAsync(CancellationToken.None)).Status == HealthStatus.Healthy);

        var lines = Services.GetRequiredService<FakeLogCollector>().GetSnapshot();
        var ours = lines.Where(line => line.Category?.StartsWith("StoryBot", StringComparison.Ordinal) == true).ToList();
        Assert.Single(ours, line => line.Message.Contains("cannot be reached", StringComparison.Ordinal));
        Assert.Single(ours, line => line.Message.Contains("reachable again", StringComparison.Ordinal));
        Assert.DoesNotContain(ours, line => line.Level >= LogLevel.Warning && !line.Message.Contains("cannot be reached", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => (line.Message + line.Exception).Contains(_outage.Password, StringComparison.Ordinal));
    }
}
