using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StoryBot.Core.Conversation;

namespace StoryBot.Core.Tests.Conversation.Accepted;

public sealed class WorkRecoveryServiceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryWorkJournal _journal;
    private readonly Mock<IWorkResumer> _slack = new();
    private readonly List<AcceptedWork> _resumed = [];

    public WorkRecoveryServiceTests()
    {
        _journal = new InMemoryWorkJournal(_time);
        _slack.Setup(r => r.Platform).Returns("slack");
        _slack.Setup(r => r.ResumeAsync(It.IsAny<WorkTicket>(), It.IsAny<CancellationToken>()))
            .Callback((WorkTicket ticket, CancellationToken _) => _resumed.Add(ticket.Work!))
            .Returns(Task.CompletedTask);
    }

    [Fact]
    public async Task UnfinishedRequestsStillInTimeAreHandedToTheirPlatform()
    {
        await AcceptAsync("slack", "fresh", TimeSpan.FromMinutes(30));
        await AcceptAsync("slack", "posting", TimeSpan.FromMinutes(30));
        await _journal.MarkPostingAsync("posting", CancellationToken.None);
        await AcceptAsync("slack", "done", TimeSpan.FromMinutes(30));
        await _journal.CompleteAsync("done", CancellationToken.None);

        await RecoverAsync();

        Assert.Equal(["fresh", "posting"], _resumed.Select(w => w.Key).Order());
        Assert.True(_resumed.Single(w => w.Key == "posting").PostingStarted);
    }

    [Fact]
    public async Task RequestsThePlatformNoLongerTakesAreClosedUnanswered()
    {
        await AcceptAsync("slack", "expired", TimeSpan.FromMinutes(30));
        _time.Advance(TimeSpan.FromMinutes(31));

        await RecoverAsync();

        Assert.Empty(_resumed);
        Assert.Empty(await _journal.UnfinishedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RequestsOfAPlatformNotConfiguredNowAreKeptForALaterRun()
    {
        await AcceptAsync("discord", "interaction", TimeSpan.FromMinutes(15));

        await RecoverAsync();

        Assert.Empty(_resumed);
        Assert.Single(await _journal.UnfinishedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ARequestThisRunAcceptsAfterStartingIsNotTakenForTheLastRuns()
    {
        await AcceptAsync("slack", "last run", TimeSpan.FromMinutes(30));
        using var service = new WorkRecoveryService(_journal, [_slack.Object], _time, NullLogger<WorkRecoveryService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await AcceptAsync("slack", "this run", TimeSpan.FromMinutes(30));
        await service.Resumed;
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(["last run"], _resumed.Select(w => w.Key));
    }

    [Fact]
    public async Task TheMemoryJournalRefusesAKeyItHasSeenUntilItIsForgotten()
    {
        Assert.True(await AcceptAsync("slack", "once", TimeSpan.FromMinutes(30)));
        Assert.False(await AcceptAsync("slack", "once", TimeSpan.FromMinutes(30)));
        await _journal.CompleteAsync("once", CancellationToken.None);
        Assert.False(await AcceptAsync("slack", "once", TimeSpan.FromMinutes(30)));

        _time.Advance(InMemoryWorkJournal.Retention + TimeSpan.FromSeconds(1));
        await _journal.ForgetCompletedBeforeAsync(_time.GetUtcNow() - InMemoryWorkJournal.Retention, CancellationToken.None);

        Assert.True(await AcceptAsync("slack", "once", TimeSpan.FromMinutes(30)));
    }

    private Task<bool> AcceptAsync(string platform, string key, TimeSpan lifetime) =>
        _journal.TryAcceptAsync(new AcceptedWork(key, platform, "command", "payload", _time.GetUtcNow(), _time.GetUtcNow() + lifetime), CancellationToken.None);

    private async Task RecoverAsync()
    {
        using var service = new WorkRecoveryService(_journal, [_slack.Object], _time, NullLogger<WorkRecoveryService>.Instance);
        await service.StartAsync(CancellationToken.None);
        await service.Resumed;
        await service.StopAsync(CancellationToken.None);
    }
}
