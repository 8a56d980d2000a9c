using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StoryBot.Core.Conversation;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Outage;

/// <summary>The journal's replay check while the state store's PostgreSQL cannot be reached, and while it catches up.</summary>
[RequiresPostgres]
public sealed class ReplaysDuringAnOutageTests : IAsyncLifetime
{
    private readonly PostgresOutage _outage = new();

    public Task InitializeAsync() => _outage.InitializeAsync();

    public Task DisposeAsync() => _outage.DisposeAsync();

    [StorageFact]
    public async Task AReplayOfARequestAcceptedDuringTheOutageIsRecognisedByItsWaitingEntryAndLaterByTheStore()
    {
        _outage.Proxy.Cut();
        var ticket = await _outage.AcceptAsync("event-1");
        Assert.NotNull(ticket);
        Assert.Null(await _outage.AcceptAsync("event-1"));
        await ticket.PostingAsync(CancellationToken.None);
        await ticket.CompleteAsync(CancellationToken.None);
        Assert.Null(await _outage.AcceptAsync("event-1"));

        _outage.Proxy.Restore();
        await _outage.UntilWritesLandedAsync();
        Assert.Null(await _outage.AcceptAsync("event-1"));
        Assert.Equal(1, await _outage.CountAsync("SELECT COUNT(*) FROM accepted_work WHERE work_key = 'slack:event-1' AND status = 'done'"));
    }

    [StorageFact]
    public async Task AReplayDuringTheOutageOfARequestAcceptedBeforeItIsRecognised()
    {
        Assert.NotNull(await _outage.AcceptAsync("event-0"));

        _outage.Proxy.Cut();

        Assert.Null(await _outage.AcceptAsync("event-0"));
        Assert.NotNull(await _outage.AcceptAsync("event-1"));
    }

    [StorageFact]
    public async Task AReplayOfARequestAcceptedBeforeTheOutageIsRecognisedOnceTheServerIsBackWhileOtherWritesStillWait()
    {
        Assert.NotNull(await _outage.AcceptAsync("event-0"));
        var health = _outage.Services.GetRequiredService<HealthCheckService>();

        _outage.Proxy.Cut();
        Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync(CancellationToken.None)).Status);
        var turnedAway = _outage.Proxy.TurnedAway;
        Assert.NotNull(await _outage.AcceptAsync("event-1"));
        await _outage.UntilTriedAgainAsync(turnedAway);

        // The clock has not moved, so the waiting entry is not tried again yet: the store is back, the writes still wait.
        _outage.Proxy.Restore();
        Assert.Equal(HealthStatus.Degraded, (await health.CheckHealthAsync(CancellationToken.None)).Status);
        Assert.Null(await _outage.AcceptAsync("event-0"));
        Assert.NotNull(await _outage.AcceptAsync("event-2"));

        await _outage.UntilWritesLandedAsync();
        Assert.Equal(3, await _outage.CountAsync("SELECT COUNT(*) FROM accepted_work"));
    }
}
