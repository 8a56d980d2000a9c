using System.Net;
using Microsoft.Extensions.Hosting;
using Moq;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Platforms;
using StoryBot.State.Corrections;
using StoryBot.State.Moderation;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Contract;

public abstract partial class StateContract
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [StorageFact]
    public async Task ADisableEditsTheAnswersThatCitedItOnTheirOwnPlatform()
    {
        var edits = new List<(PostedMessage Message, Reply Reply)>();
        Discord.Setup(p => p.EditAsync(It.IsAny<PostedMessage>(), It.IsAny<Reply>(), It.IsAny<CancellationToken>()))
            .Callback((PostedMessage m, Reply r, CancellationToken _) => edits.Add((m, r)))
            .ReturnsAsync((PostedMessage m, Reply _, CancellationToken _) => PostResult.Posted(m));
        var bot = Start();
        var cited = await bot.PostAnswerAsync("m-1", Language.German, "a-1", "a-2");
        await bot.PostAnswerAsync("m-2", Language.English, "b-1");

        var reply = await bot.SendAsync(StateHarness.Moderator("/sources disable a-1 misquoted"));
        await bot.Get<CorrectionProcessor>().RunDueAsync(CancellationToken.None);

        Assert.Contains("1 posted answer", reply.Text, StringComparison.Ordinal);
        var (message, corrected) = Assert.Single(edits);
        Assert.Equal(cited, message);
        Assert.Equal([true, false], corrected.Citations.Select(c => c.Withdrawn));
        Assert.StartsWith("Die Antwort.", corrected.Text, StringComparison.Ordinal);
        Assert.Contains("Korrektur: ", corrected.Text, StringComparison.Ordinal);
        Slack.Verify(p => p.EditAsync(It.IsAny<PostedMessage>(), It.IsAny<Reply>(), It.IsAny<CancellationToken>()), Times.Never);
        var correction = Assert.Single(await bot.Get<CorrectionLedger>().ListAsync(CancellationToken.None));
        Assert.Equal(CorrectionStatus.Edited, correction.Status);
        var audit = (await bot.Get<AuditLog>().LatestAsync(1, CancellationToken.None))[0];
        Assert.Equal(AuditLog.Actions.CorrectionEdited, audit.Action);
        Assert.Contains("m-1", audit.Target, StringComparison.Ordinal);
    }

    [StorageFact]
    public async Task DisablingASourceCorrectsAnswersCitingAnyOfItsExcerptsAndMarksAllOfThem()
    {
        var slack = new FlakyPoster("slack");
        var bot = Start(slack);
        await bot.PostAnswerAsync(new PostedMessage("slack", "C1", "1700000000.000200", "1700000000.000100"), Language.English, "a-1", "b-1", "a-2");

        await bot.SendAsync(StateHarness.Moderator("/sources disable article wrong outlet", platform: "slack", user: "U1"));
        await bot.Get<CorrectionProcessor>().RunDueAsync(CancellationToken.None);

        var (message, corrected) = Assert.Single(slack.Edits);
        Assert.Equal("1700000000.000200", message.MessageId);
        Assert.Equal(["a-1", "a-2"], corrected.Citations.Where(c => c.Withdrawn).Select(c => c.Id));
        Assert.Contains("withdrawn 2 of the quoted excerpts", corrected.Text, StringComparison.Ordinal);
    }

    [StorageFact]
    public async Task ASecondWithdrawalFromTheSameAnswerKeepsTheFirstOneMarked()
    {
        var discord = new FlakyPoster("discord");
        var bot = Start(discord);
        await bot.PostAnswerAsync("m-1", Language.English, "a-1", "a-2", "b-1");

        await bot.SendAsync(StateHarness.Moderator("/sources disable a-1 first"));
        await bot.Get<CorrectionProcessor>().RunDueAsync(CancellationToken.None);
        await bot.SendAsync(StateHarness.Moderator("/sources disable a-2 second"));
        await bot.Get<CorrectionProcessor>().RunDueAsync(CancellationToken.None);

        Assert.Equal(2, discord.Edits.Count);
        var latest = discord.Edits[^1].Reply;
        Assert.Equal([true, true, false], latest.Citations.Select(c => c.Withdrawn));
        Assert.Single(latest.Body, run => run.Text == "Correction: ");
    }

    [StorageFact]
    public async Task AFailingEditIsRetriedAfterADelayAndEveryAttemptIsRecorded()
    {
        var discord = new FlakyPoster("discord", FlakyPoster.Status(HttpStatusCode.ServiceUnavailable));
        var bot = Start(discord);
        await bot.PostAnswerAsync("m-1", Language.English, "a-1");
        await bot.SendAsync(StateHarness.Moderator("/sources disable a-1 misquoted"));
        var processor = bot.Get<CorrectionProcessor>();

        await processor.RunDueAsync(CancellationToken.None);
        var waiting = Assert.Single(await bot.Get<CorrectionLedger>().ListAsync(CancellationToken.None));
        Assert.Equal(CorrectionStatus.Pending, waiting.Status);
        Assert.Equal(Time.GetUtcNow() + TimeSpan.FromSeconds(30), waiting.NextAttemptAt);
        Assert.Contains("503", waiting.LastError, StringComparison.Ordinal);

        Assert.Equal(0, await processor.RunDueAsync(CancellationToken.None));
        Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await processor.RunDueAsync(CancellationToken.None));

        Assert.Equal(2, discord.EditCalls);
        Assert.Single(discord.Edits);
        var done = Assert.Single(await bot.Get<CorrectionLedger>().ListAsync(CancellationToken.None));
        Assert.Equal(CorrectionStatus.Edited, done.Status);
        Assert.Equal(2, done.Attempts);
        Assert.Equal(["retry", "done"], (await bot.Get<CorrectionLedger>().AttemptsAsync(done.Id, CancellationToken.None)).Select(a => a.Outcome));
    }

    [StorageFact]
    public async Task AnAnswerThatCannotBeEditedGetsACorrectedReplyInItsThread()
    {
        var discord = new FlakyPoster("discord", FlakyPoster.Status(HttpStatusCode.NotFound));
        var bot = Start(discord);
        var posted = await bot.PostAnswerAsync("m-1", Language.English, "a-1", "a-2");
        await bot.SendAsync(StateHarness.Moderator("/sources disable a-2 misquoted"));

        await bot.Get<CorrectionProcessor>().RunDueAsync(CancellationToken.None);

        var (channel, thread, reply) = Assert.Single(discord.Posts);
        Assert.Equal((posted.ChannelId, "thread-1"), (channel, thread));
        Assert.StartsWith("Correction: ", reply.Text, StringComparison.Ordinal);
        Assert.Equal([false, true], reply.Citations.Select(c => c.Withdrawn));
        var correction = Assert.Single(await bot.Get<CorrectionLedger>().ListAsync(CancellationToken.None));
        Assert.Equal(CorrectionStatus.Posted, correction.Status);
        Assert.Equal(["edit-impossible", "done"], (await bot.Get<CorrectionLedger>().AttemptsAsync(correction.Id, CancellationToken.None)).Select(a => a.Outcome));
        Assert.Equal(AuditLog.Actions.CorrectionPosted, (await bot.Get<AuditLog>().LatestAsync(1, CancellationToken.None))[0].Action);
    }

    [StorageFact]
    public async Task AnEditThatKeepsFailingIsReplacedByAPostAfterItsLastAttempt()
    {
        var down = Enumerable.Range(0, 10).Select(_ => FlakyPoster.Status(HttpStatusCode.BadGateway)).ToArray();
        var discord = new FlakyPoster("discord", down);
        var bot = Start(discord);
        await bot.PostAnswerAsync("m-1", Language.English, "a-1");
        await bot.SendAsync(StateHarness.Moderator("/sources disable a-1 misquoted"));
        var processor = bot.Get<CorrectionProcessor>();

        for (var i = 0; i < 3; i++)
        {
            await processor.RunDueAsync(CancellationToken.None);
            Time.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal(3, discord.EditCalls);
        Assert.Single(discord.Posts);
        Assert.Equal(CorrectionStatus.Posted, Assert.Single(await bot.Get<CorrectionLedger>().ListAsync(CancellationToken.None)).Status);
    }

    [StorageFact]
    public async Task APlatformThatStaysDownFailsTheCorrectionAfterTheLastAttemptAndAuditsIt()
    {
        var down = Enumerable.Range(0, 10).Select(_ => FlakyPoster.Status(HttpStatusCode.BadGateway)).ToArray();
        var discord = new FlakyPoster("discord", down) { PostFailure = FlakyPoster.Status(HttpStatusCode.ServiceUnavailable) };
        var bot = Start(discord);
        await bot.PostAnswerAsync("m-1", Language.English, "a-1");
        await bot.SendAsync(StateHarness.Moderator("/sources disable a-1 misquoted"));
        var processor = bot.Get<CorrectionProcessor>();

        for (var i = 0; i < 10; i++)
        {
            await processor.RunDueAsync(CancellationToken.None);
            Time.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal(3, discord.EditCalls);
        Assert.Equal(3, discord.PostCalls);
        var correction = Assert.Single(await bot.Get<CorrectionLedger>().ListAsync(CancellationToken.None));
        Assert.Equal(CorrectionStatus.Failed, correction.Status);
        Assert.Contains("503", correction.LastError, StringComparison.Ordinal);
        Assert.Equal(
            ["retry", "retry", "edit-impossible", "retry", "retry", "failed"],
            (await bot.Get<CorrectionLedger>().AttemptsAsync(correction.Id, CancellationToken.None)).Select(a => a.Outcome));
        Assert.Equal(AuditLog.Actions.CorrectionFailed, (await bot.Get<AuditLog>().LatestAsync(1, CancellationToken.None))[0].Action);
    }

    [StorageFact]
    public async Task CorrectionsQueuedBeforeACrashStillRunAfterTheRestart()
    {
        await using (var before = new StateHarness(Backend, Time, [Discord.Object]))
        {
            await before.PostAnswerAsync("m-1", Language.English, "a-1");
            await before.SendAsync(StateHarness.Moderator("/sources disable a-1 misquoted"));
        }

        var after = Start();
        await after.Get<CorrectionProcessor>().RunDueAsync(CancellationToken.None);

        Discord.Verify(p => p.EditAsync(It.Is<PostedMessage>(m => m.MessageId == "m-1"), It.IsAny<Reply>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [StorageFact]
    public async Task EnablingBeforeTheCorrectionRanCancelsIt()
    {
        var bot = Start();
        await bot.PostAnswerAsync("m-1", Language.English, "a-1");
        await bot.SendAsync(StateHarness.Moderator("/sources disable a-1 oops"));
        await bot.SendAsync(StateHarness.Moderator("/sources enable a-1"));

        await bot.Get<CorrectionProcessor>().RunDueAsync(CancellationToken.None);

        Discord.Verify(p => p.EditAsync(It.IsAny<PostedMessage>(), It.IsAny<Reply>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Equal(CorrectionStatus.Cancelled, Assert.Single(await bot.Get<CorrectionLedger>().ListAsync(CancellationToken.None)).Status);
    }

    [StorageFact]
    public async Task TwoInstancesWorkingTheQueueAtOnceEditEachAnswerOnce()
    {
        var discord = new FlakyPoster("discord");
        var first = Start(discord);
        var second = Start(discord);
        for (var i = 0; i < 6; i++)
        {
            await first.PostAnswerAsync($"m-{i}", Language.English, "a-1");
        }

        await first.SendAsync(StateHarness.Moderator("/sources disable a-1 misquoted"));
        await Task.WhenAll(
            Task.Run(() => first.Get<CorrectionProcessor>().RunDueAsync(CancellationToken.None)),
            Task.Run(() => second.Get<CorrectionProcessor>().RunDueAsync(CancellationToken.None)));

        Assert.Equal(6, discord.Edits.Count);
        Assert.Equal(6, discord.Edits.Select(e => e.Message.MessageId).Distinct().Count());
    }

    [StorageFact]
    public async Task TheBackgroundWorkerCorrectsRightAfterADisable()
    {
        var edited = new TaskCompletionSource<PostedMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        Discord.Setup(p => p.EditAsync(It.IsAny<PostedMessage>(), It.IsAny<Reply>(), It.IsAny<CancellationToken>()))
            .Callback((PostedMessage m, Reply _, CancellationToken _) => edited.TrySetResult(m))
            .ReturnsAsync((PostedMessage m, Reply _, CancellationToken _) => PostResult.Posted(m));
        var bot = Start();
        var worker = bot.HostedServices.OfType<BackgroundService>().Single(s => s.GetType().Name == "CorrectionWorker");
        await worker.StartAsync(CancellationToken.None);
        try
        {
            await bot.PostAnswerAsync("m-1", Language.English, "a-1");
            await bot.SendAsync(StateHarness.Moderator("/sources disable a-1 misquoted"));

            Assert.Equal("m-1", (await edited.Task.WaitAsync(Generous)).MessageId);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    [StorageFact]
    public async Task AnAnswerPostedAfterItsExcerptWasDisabledIsCorrectedToo()
    {
        var discord = new FlakyPoster("discord");
        var bot = Start(discord);
        await bot.SendAsync(StateHarness.Moderator("/sources disable article under review"));

        // Composed just before the disable, posted and recorded just after it.
        await bot.PostAnswerAsync("late", Language.English, "a-1", "b-1");
        await bot.Get<CorrectionProcessor>().RunDueAsync(CancellationToken.None);

        var (message, corrected) = Assert.Single(discord.Edits);
        Assert.Equal("late", message.MessageId);
        Assert.Equal([true, false], corrected.Citations.Select(c => c.Withdrawn));
    }

    [StorageFact]
    public async Task ACorrectionInterruptedByShutdownIsDueAgainAtOnceOnTheNextStart()
    {
        var editing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stopping = new CancellationTokenSource();
        Discord.Setup(p => p.EditAsync(It.IsAny<PostedMessage>(), It.IsAny<Reply>(), It.IsAny<CancellationToken>()))
            .Returns(async (PostedMessage message, Reply _, CancellationToken token) =>
            {
                editing.TrySetResult();
                await Task.Delay(Timeout.Infinite, token);
                return PostResult.Posted(message);
            });
        await using (var before = new StateHarness(Backend, Time, [Discord.Object]))
        {
            await before.PostAnswerAsync("m-1", Language.English, "a-1");
            await before.SendAsync(StateHarness.Moderator("/sources disable a-1 misquoted"));
            var run = before.Get<CorrectionProcessor>().RunDueAsync(stopping.Token);
            await editing.Task.WaitAsync(Generous);
            await stopping.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        }

        var discord = new FlakyPoster("discord");
        var after = Start(discord);
        await after.Get<CorrectionProcessor>().RunDueAsync(CancellationToken.None);

        Assert.Single(discord.Edits);
        Assert.Equal(1, Assert.Single(await after.Get<CorrectionLedger>().ListAsync(CancellationToken.None)).Attempts);
    }

    [StorageFact]
    public async Task ACorrectionWaitsForAnInstanceThatServesItsPlatform()
    {
        var discordOnly = Start(new FlakyPoster("discord"));
        await discordOnly.PostAnswerAsync(new PostedMessage("slack", "C1", "1700000000.000300"), Language.English, "a-1");
        await discordOnly.SendAsync(StateHarness.Moderator("/sources disable a-1 misquoted"));

        Assert.Equal(0, await discordOnly.Get<CorrectionProcessor>().RunDueAsync(CancellationToken.None));
        Assert.Equal(CorrectionStatus.Pending, Assert.Single(await discordOnly.Get<CorrectionLedger>().ListAsync(CancellationToken.None)).Status);

        var slack = new FlakyPoster("slack");
        await Start(slack).Get<CorrectionProcessor>().RunDueAsync(CancellationToken.None);

        Assert.Equal("1700000000.000300", Assert.Single(slack.Edits).Message.MessageId);
    }
}
