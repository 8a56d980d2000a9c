using StoryBot.Core.Conversation;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Contract;

public abstract partial class StateContract
{
    [StorageFact]
    public async Task AnAcceptedRequestIsRefusedAgainAfterARestartAndFromASecondInstance()
    {
        var work = Accepted("slack:command:trigger-1");
        Assert.True(await Start().Get<IWorkJournal>().TryAcceptAsync(work, CancellationToken.None));

        var restarted = Start().Get<IWorkJournal>();
        var other = Start().Get<IWorkJournal>();

        Assert.False(await restarted.TryAcceptAsync(work, CancellationToken.None));
        Assert.False(await other.TryAcceptAsync(work with { Payload = "replayed" }, CancellationToken.None));
    }

    [StorageFact]
    public async Task UnfinishedRequestsSurviveARestartWithWhetherPostingHadStarted()
    {
        var journal = Start().Get<IWorkJournal>();
        await journal.TryAcceptAsync(Accepted("a"), CancellationToken.None);
        Time.Advance(TimeSpan.FromSeconds(1));
        await journal.TryAcceptAsync(Accepted("b"), CancellationToken.None);
        Time.Advance(TimeSpan.FromSeconds(1));
        await journal.TryAcceptAsync(Accepted("c"), CancellationToken.None);
        await journal.MarkPostingAsync("b", CancellationToken.None);
        await journal.CompleteAsync("c", CancellationToken.None);

        var unfinished = await Start().Get<IWorkJournal>().UnfinishedAsync(CancellationToken.None);

        Assert.Equal(["a", "b"], unfinished.Select(w => w.Key));
        Assert.False(unfinished[0].PostingStarted);
        Assert.True(unfinished[1].PostingStarted);
        Assert.Equal(Accepted("a").Payload, unfinished[0].Payload);
        Assert.Equal(Time.GetUtcNow().AddSeconds(-2).AddMinutes(30), unfinished[0].AnswerBy);
    }

    [StorageFact]
    public async Task ACompletedRequestStaysCompletedAndIsForgottenOnlyPastTheCutoff()
    {
        var journal = Start().Get<IWorkJournal>();
        await journal.TryAcceptAsync(Accepted("old"), CancellationToken.None);
        await journal.CompleteAsync("old", CancellationToken.None);
        await journal.MarkPostingAsync("old", CancellationToken.None);
        Time.Advance(TimeSpan.FromHours(2));
        await journal.TryAcceptAsync(Accepted("new"), CancellationToken.None);
        await journal.CompleteAsync("new", CancellationToken.None);

        var forgotten = await journal.ForgetCompletedBeforeAsync(Time.GetUtcNow() - TimeSpan.FromHours(1), CancellationToken.None);

        Assert.Equal(1, forgotten);
        Assert.Empty(await journal.UnfinishedAsync(CancellationToken.None));
        Assert.True(await journal.TryAcceptAsync(Accepted("old"), CancellationToken.None));
        Assert.False(await journal.TryAcceptAsync(Accepted("new"), CancellationToken.None));
    }

    private AcceptedWork Accepted(string key) =>
        new(key, "slack", "command-form", "channel_id=C1&user_id=U1&command=%2Fwho-is&text=altman", Time.GetUtcNow(), Time.GetUtcNow().AddMinutes(30));
}
