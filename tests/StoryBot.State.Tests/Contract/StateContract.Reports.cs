using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.State.Corrections;
using StoryBot.State.Moderation;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Contract;

public abstract partial class StateContract
{
    [StorageFact]
    public async Task AReportFromAButtonLandsInTheQueueWithWhoWhichAnswerAndWhy()
    {
        var bot = Start();
        await bot.PostAnswerAsync("m-7", Language.English, "a-1");

        var reply = await bot.SendAsync(StateHarness.Reader("/report quote is out of context", user: "reader-9", referenced: "m-7"));

        Assert.Equal(ReplyKind.Notice, reply.Kind);
        Assert.True(reply.IsPrivate);
        var report = Assert.Single(await bot.Get<ReaderReports>().OpenAsync(10, CancellationToken.None));
        Assert.Equal(new Actor("discord", "reader-9"), report.Reporter);
        Assert.Equal("m-7", report.MessageId);
        Assert.Equal("quote is out of context", report.Reason);
        Assert.Equal(ReportStatus.Open, report.Status);
        Assert.Contains($"#{report.Id}", reply.Text, StringComparison.Ordinal);

        var listed = await bot.SendAsync(StateHarness.Moderator("/sources reports"));
        Assert.Contains($"#{report.Id}", listed.Text, StringComparison.Ordinal);
        Assert.Contains("question for m-7", listed.Text, StringComparison.Ordinal);
    }

    [StorageFact]
    public async Task TheOpenReportsAreCountedAndEveryFilingAndResolutionIsAnnounced()
    {
        var bot = Start();
        var reports = bot.Get<IOpenReports>();
        var announced = 0;
        reports.Changed += (_, _) => Interlocked.Increment(ref announced);
        await bot.PostAnswerAsync("m-3", Language.English, "a-1");
        await bot.PostAnswerAsync("m-4", Language.English, "a-2");

        await bot.SendAsync(StateHarness.Reader("/report one", referenced: "m-3"));
        await bot.SendAsync(StateHarness.Reader("/report two", referenced: "m-4"));
        var filed = await reports.CountAsync(CancellationToken.None);
        var first = (await bot.Get<ReaderReports>().OpenAsync(10, CancellationToken.None))[0];
        await bot.SendAsync(StateHarness.Moderator($"/sources resolve {first.Id} dismiss"));

        Assert.Equal(2, filed);
        Assert.Equal(1, await reports.CountAsync(CancellationToken.None));
        Assert.Equal(3, announced);
    }

    [StorageFact]
    public async Task AReportWithoutAReasonIsAcceptedAndARepeatReturnsTheSameReport()
    {
        var bot = Start();
        await bot.PostAnswerAsync(new PostedMessage("slack", "C1", "1700000000.000100"), Language.English, "a-1");
        var request = new ChatRequest("slack", "C1", "U7", "/report") { ReferencedMessageId = "1700000000.000100" };

        var first = await bot.SendAsync(request);
        var second = await bot.SendAsync(request);

        Assert.Equal(first.Text, second.Text);
        var report = Assert.Single(await bot.Get<ReaderReports>().OpenAsync(10, CancellationToken.None));
        Assert.Null(report.Reason);
    }

    [StorageFact]
    public async Task InTheConsoleAReportRefersToTheLatestAnswerInTheChannel()
    {
        var bot = Start();
        await bot.PostAnswerAsync(new PostedMessage("console", "console", "100"), Language.English, "a-1");
        await bot.PostAnswerAsync(new PostedMessage("console", "console", "101"), Language.English, "a-2");

        await bot.SendAsync(new ChatRequest("console", "console", "operator", "/report wrong") { IsModerator = true });

        Assert.Equal("101", Assert.Single(await bot.Get<ReaderReports>().OpenAsync(10, CancellationToken.None)).MessageId);
    }

    [StorageFact]
    public async Task AReportOfAnUnknownAnswerIsPolitelyRefused()
    {
        var bot = Start();

        var reply = await bot.SendAsync(StateHarness.Reader("/report bad", referenced: "never-posted"));

        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Empty(await bot.Get<ReaderReports>().OpenAsync(10, CancellationToken.None));
    }

    [StorageFact]
    public async Task ResolvingWithDismissClosesTheReportAndChangesNoCitation()
    {
        var bot = Start();
        await bot.PostAnswerAsync("m-1", Language.English, "a-1");
        await bot.SendAsync(StateHarness.Reader("/report bad", referenced: "m-1"));
        var report = Assert.Single(await bot.Get<ReaderReports>().OpenAsync(10, CancellationToken.None));

        var reply = await bot.SendAsync(StateHarness.Moderator($"/sources resolve {report.Id} dismiss"));

        Assert.Equal(ReplyKind.Moderation, reply.Kind);
        Assert.Empty(await bot.Get<ReaderReports>().OpenAsync(10, CancellationToken.None));
        Assert.Equal(ReportStatus.Dismissed, (await bot.Get<ReaderReports>().FindAsync(report.Id, CancellationToken.None))!.Status);
        Assert.Empty((await bot.FilterAsync()).DisabledExcerpts);
        Assert.Equal(AuditLog.Actions.ResolveDismiss, (await bot.Get<AuditLog>().LatestAsync(1, CancellationToken.None))[0].Action);

        var again = await bot.SendAsync(StateHarness.Moderator($"/sources resolve {report.Id} disable"));
        Assert.Contains("already resolved", again.Text, StringComparison.Ordinal);
    }

    [StorageFact]
    public async Task ResolvingWithDisableWithdrawsTheCitedExcerptsAndQueuesTheirCorrections()
    {
        var bot = Start();
        await bot.PostAnswerAsync("m-1", Language.English, "a-1", "b-1");
        await bot.SendAsync(StateHarness.Reader("/report misleading", referenced: "m-1"));
        var report = Assert.Single(await bot.Get<ReaderReports>().OpenAsync(10, CancellationToken.None));

        var reply = await bot.SendAsync(StateHarness.Moderator($"/sources resolve #{report.Id} disable b-1"));

        Assert.Equal(ReplyKind.Moderation, reply.Kind);
        var filter = await bot.FilterAsync();
        Assert.Equal(["b-1"], filter.DisabledExcerpts);
        Assert.Equal(ReportStatus.Actioned, (await bot.Get<ReaderReports>().FindAsync(report.Id, CancellationToken.None))!.Status);
        var correction = Assert.Single(await bot.Get<CorrectionLedger>().ListAsync(CancellationToken.None));
        Assert.Equal(CitationTarget.Excerpt("b-1"), correction.Target);
        Assert.Equal(
            [AuditLog.Actions.ResolveDisable, AuditLog.Actions.Disable, AuditLog.Actions.Report],
            (await bot.Get<AuditLog>().LatestAsync(10, CancellationToken.None)).Select(e => e.Action));
    }

    [StorageFact]
    public async Task ResolvingWithDisableAndNoExcerptWithdrawsEverythingTheAnswerCites()
    {
        var bot = Start();
        await bot.PostAnswerAsync("m-1", Language.English, "a-1", "a-2");
        await bot.SendAsync(StateHarness.Reader("/report all wrong", referenced: "m-1"));
        var report = Assert.Single(await bot.Get<ReaderReports>().OpenAsync(10, CancellationToken.None));

        await bot.SendAsync(StateHarness.Moderator($"/sources resolve {report.Id} disable"));

        Assert.Equal(["a-1", "a-2"], (await bot.FilterAsync()).DisabledExcerpts.Order());
    }

    [StorageFact]
    public async Task ResolvingAnUnknownReportOrWithAnUncitedExcerptIsAnError()
    {
        var bot = Start();
        await bot.PostAnswerAsync("m-1", Language.English, "a-1");
        await bot.SendAsync(StateHarness.Reader("/report x", referenced: "m-1"));
        var report = Assert.Single(await bot.Get<ReaderReports>().OpenAsync(10, CancellationToken.None));

        Assert.Equal(ReplyKind.Error, (await bot.SendAsync(StateHarness.Moderator("/sources resolve 999 dismiss"))).Kind);
        Assert.Equal(ReplyKind.Error, (await bot.SendAsync(StateHarness.Moderator($"/sources resolve {report.Id} disable b-1"))).Kind);
        Assert.Equal(ReplyKind.Error, (await bot.SendAsync(StateHarness.Moderator($"/sources resolve {report.Id} maybe"))).Kind);
        Assert.Single(await bot.Get<ReaderReports>().OpenAsync(10, CancellationToken.None));
        Assert.Empty((await bot.FilterAsync()).DisabledExcerpts);
    }

    [StorageFact]
    public async Task RecordingTheSameMessageTwiceKeepsOneAnswerAndOtherReplyKindsAreNotRecorded()
    {
        var bot = Start();
        await bot.PostAnswerAsync("m-1", Language.German, "a-1");
        await bot.PostAnswerAsync("m-1", Language.German, "a-1");
        var help = new Reply { Question = "/help", Language = Language.English, Kind = ReplyKind.Help, Body = [TextRun.Plain("help")] };
        await bot.Get<IAnswerRecorder>().RecordAsync(new PostedMessage("discord", "channel-1", "m-2"), StateHarness.Reader("/help"), help, CancellationToken.None);

        var answer = await bot.Get<AnswerLog>().FindByMessageAsync("discord", "channel-1", "m-1", CancellationToken.None);
        Assert.NotNull(answer);
        Assert.Equal(Language.German, answer.Language);
        Assert.Equal(TestPack.Answer("question for m-1", Language.German, "a-1").Citations, answer.Reply.Citations);
        Assert.Equal(TestPack.Answer("question for m-1", Language.German, "a-1").Body, answer.Reply.Body);
        Assert.Equal("thread-1", answer.Message.ThreadId);
        Assert.Null(await bot.Get<AnswerLog>().FindByMessageAsync("discord", "channel-1", "m-2", CancellationToken.None));
    }

    [StorageFact]
    public async Task AnswersOlderThanTheRetentionArePurgedAndNoLongerReportableOrCorrected()
    {
        var bot = Start();
        await bot.PostAnswerAsync("old", Language.English, "a-1");
        Time.Advance(TimeSpan.FromDays(20));
        await bot.PostAnswerAsync("recent", Language.English, "a-1");
        Time.Advance(TimeSpan.FromDays(11));

        var purged = await bot.Get<AnswerLog>().PurgeOlderThanAsync(Time.GetUtcNow() - TimeSpan.FromDays(30), CancellationToken.None);

        Assert.Equal(1, purged);
        Assert.Equal(ReplyKind.Error, (await bot.SendAsync(StateHarness.Reader("/report", referenced: "old"))).Kind);
        await bot.SendAsync(StateHarness.Moderator("/sources disable a-1 wrong"));
        var correction = Assert.Single(await bot.Get<CorrectionLedger>().ListAsync(CancellationToken.None));
        Assert.Equal("recent", (await bot.Get<AnswerLog>().FindAsync(correction.AnswerId, CancellationToken.None))!.Message.MessageId);
    }
}
