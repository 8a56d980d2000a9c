using Microsoft.Extensions.Time.Testing;
using StoryBot.Core.Conversation;

namespace StoryBot.Core.Tests.Conversation.Accepted;

public sealed class InMemoryWorkJournalTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryWorkJournal _journal;

    public InMemoryWorkJournalTests() => _journal = new InMemoryWorkJournal(_time);

    [Fact]
    public async Task ARequestSeenBeforeIsRefusedEvenOnceAnswered()
    {
        Assert.True(await AcceptAsync("a"));
        await _journal.CompleteAsync("a", CancellationToken.None);

        Assert.False(await AcceptAsync("a"));
    }

    [Fact]
    public async Task AnAnsweredRequestIsForgottenOnceItsRetentionHasPassed()
    {
        await AcceptAsync("a");
        await _journal.CompleteAsync("a", CancellationToken.None);

        _time.Advance(InMemoryWorkJournal.Retention + TimeSpan.FromSeconds(1));
        await AcceptAsync("b");

        Assert.True(await AcceptAsync("a"));
    }

    [Fact]
    public async Task AnAnsweredRequestIsRememberedWithinItsRetention()
    {
        await AcceptAsync("a");
        await _journal.CompleteAsync("a", CancellationToken.None);

        _time.Advance(InMemoryWorkJournal.Retention - TimeSpan.FromSeconds(1));
        await AcceptAsync("b");

        Assert.False(await AcceptAsync("a"));
    }

    [Fact]
    public async Task AnUnansweredRequestIsNeverForgottenAndDoesNotHoldBackTheAnsweredOnesBehindIt()
    {
        await AcceptAsync("stuck");
        await AcceptAsync("answered");
        await _journal.CompleteAsync("answered", CancellationToken.None);
        _time.Advance(InMemoryWorkJournal.Retention + TimeSpan.FromSeconds(1));

        var forgotten = await _journal.ForgetCompletedBeforeAsync(_time.GetUtcNow() - InMemoryWorkJournal.Retention, CancellationToken.None);

        Assert.Equal(1, forgotten);
        Assert.Equal(["stuck"], (await _journal.UnfinishedAsync(CancellationToken.None)).Select(w => w.Key));
        Assert.False(await AcceptAsync("stuck"));

        await _journal.CompleteAsync("stuck", CancellationToken.None);
        Assert.Equal(1, await _journal.ForgetCompletedBeforeAsync(_time.GetUtcNow() - InMemoryWorkJournal.Retention, CancellationToken.None));
    }

    [Fact]
    public async Task AnsweredRequestsAreForgottenInTheOrderTheyCameWhateverTheirNumber()
    {
        for (var i = 0; i < 5_000; i++)
        {
            await AcceptAsync("old" + i);
            await _journal.CompleteAsync("old" + i, CancellationToken.None);
        }

        _time.Advance(InMemoryWorkJournal.Retention + TimeSpan.FromSeconds(1));
        await AcceptAsync("new");

        Assert.Equal(["new"], (await _journal.UnfinishedAsync(CancellationToken.None)).Select(w => w.Key));
        Assert.True(await AcceptAsync("old0"));
        Assert.True(await AcceptAsync("old4999"));
    }

    private Task<bool> AcceptAsync(string key)
    {
        var now = _time.GetUtcNow();
        return _journal.TryAcceptAsync(new AcceptedWork(key, "slack", "command", "payload", now, now.AddMinutes(30)), CancellationToken.None);
    }
}
