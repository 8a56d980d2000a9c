using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.State.Moderation;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Contract;

/// <summary>The reads behind the moderators' web pages: pages of reports, audit entries and unanswered questions, and the counts.</summary>
public abstract partial class StateContract
{
    [StorageFact]
    public async Task UnansweredQuestionsAreGroupedByWordingWithTheirFirstAndLastTimesAndPaged()
    {
        var bot = Start();
        var log = bot.Get<UnansweredLog>();
        var first = Time.GetUtcNow();
        await log.RecordAsync(Unanswered("Who won the lawsuit?", Language.English), CancellationToken.None);
        Time.Advance(TimeSpan.FromHours(3));
        await log.RecordAsync(Unanswered("WHO WON THE LAWSUIT?", Language.English), CancellationToken.None);
        await log.RecordAsync(Unanswered("Wer zahlt?", Language.German), CancellationToken.None);

        var page = await log.GroupsAsync(0, 1, CancellationToken.None);
        var next = await log.GroupsAsync(1, 1, CancellationToken.None);

        var lawsuit = Assert.Single(page);
        Assert.Equal(2, lawsuit.Count);
        Assert.Equal(first, lawsuit.FirstAsked);
        Assert.Equal(Time.GetUtcNow(), lawsuit.LastAsked);
        Assert.Equal("Wer zahlt?", Assert.Single(next).Question);
        Assert.Empty(await log.GroupsAsync(2, 1, CancellationToken.None));
    }

    [StorageFact]
    public async Task ACuratorMarksAWordingForThePackInAnyCaseAndTheMarkAndItsRemovalAreAudited()
    {
        var bot = Start();
        var log = bot.Get<UnansweredLog>();
        var curator = new Actor("web", "operator");
        await log.RecordAsync(Unanswered("Who won the lawsuit?", Language.English), CancellationToken.None);
        await log.RecordAsync(Unanswered("Wer zahlt?", Language.German), CancellationToken.None);

        var marked = await log.MarkForPackAsync(curator, "WHO WON THE LAWSUIT?", forPack: true, CancellationToken.None);
        var again = await log.MarkForPackAsync(curator, "who won the lawsuit?", forPack: true, CancellationToken.None);
        var groups = await log.GroupsAsync(0, 10, CancellationToken.None);
        var unmarked = await log.MarkForPackAsync(curator, "Who won the lawsuit?", forPack: false, CancellationToken.None);

        Assert.Equal(ChangeOutcome.Changed, marked);
        Assert.Equal(ChangeOutcome.Unchanged, again);
        Assert.True(groups.Single(g => g.Question == "Who won the lawsuit?").ForPack);
        Assert.False(groups.Single(g => g.Question == "Wer zahlt?").ForPack);
        Assert.Equal(ChangeOutcome.Changed, unmarked);
        Assert.DoesNotContain(await log.GroupsAsync(0, 10, CancellationToken.None), g => g.ForPack);
        var audit = await bot.Get<AuditLog>().PageAsync(0, 10, CancellationToken.None);
        Assert.Equal([AuditLog.Actions.UnmarkForPack, AuditLog.Actions.MarkForPack], audit.Select(e => e.Action));
        Assert.All(audit, e => Assert.Equal(curator, e.Actor));
    }

    [StorageFact]
    public async Task AnswersAndAbstentionsAreCountedPerLanguageAndPerDayIncludingQuietDays()
    {
        var bot = Start();
        var today = DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);
        await bot.PostAnswerAsync("m-1", Language.English, "a-1");
        await bot.PostAnswerAsync("m-2", Language.German, "a-1");
        await bot.Get<UnansweredLog>().RecordAsync(Unanswered("Wer zahlt?", Language.German), CancellationToken.None);
        Time.Advance(TimeSpan.FromDays(2));
        await bot.PostAnswerAsync("m-3", Language.English, "a-2");
        var statistics = bot.Get<AnswerStatistics>();

        var firstDay = await statistics.ByLanguageAsync(
            new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            CancellationToken.None);
        var days = await statistics.PerDayAsync(today.AddDays(-1), today.AddDays(2), CancellationToken.None);

        Assert.Equal([new LanguageFigures("de", 1, 1), new LanguageFigures("en", 1, 0)], firstDay);
        Assert.Equal(
            [new DayFigures(today.AddDays(-1), 0, 0), new DayFigures(today, 2, 1), new DayFigures(today.AddDays(1), 0, 0), new DayFigures(today.AddDays(2), 1, 0)],
            days);
    }

    [StorageFact]
    public async Task TheMostCitedExcerptsOfAPeriodComeFirstAndOlderAnswersDoNotCount()
    {
        var bot = Start();
        foreach (var old in new[] { "m-old-1", "m-old-2", "m-old-3" })
        {
            await bot.PostAnswerAsync(old, Language.English, "a-1");
        }

        Time.Advance(TimeSpan.FromDays(1));
        var from = Time.GetUtcNow();
        await bot.PostAnswerAsync("m-1", Language.English, "a-1", "a-2");
        await bot.PostAnswerAsync("m-2", Language.German, "a-2");
        await bot.PostAnswerAsync("m-3", Language.English, "a-2");
        var statistics = bot.Get<AnswerStatistics>();

        var cited = await statistics.MostCitedAsync(from, from.AddDays(1), 2, CancellationToken.None);
        var first = await statistics.MostCitedAsync(from, from.AddDays(1), 1, CancellationToken.None);

        Assert.Equal([new CitedExcerpt("a-2", 3), new CitedExcerpt("a-1", 1)], cited);
        Assert.Equal([new CitedExcerpt("a-2", 3)], first);
    }

    [StorageFact]
    public async Task ReportsArePagedByStatusAndAResolutionKeepsTheModeratorsNoteInTheAudit()
    {
        var bot = Start();
        await bot.PostAnswerAsync("m-1", Language.English, "a-1");
        await bot.PostAnswerAsync("m-2", Language.English, "a-2");
        await bot.SendAsync(StateHarness.Reader("/report one", referenced: "m-1"));
        await bot.SendAsync(StateHarness.Reader("/report two", referenced: "m-2"));
        var reports = bot.Get<ReaderReports>();
        var open = await reports.PageAsync(ReportStatus.Open, 0, 10, CancellationToken.None);

        var result = await reports.ResolveAsync(new Actor("web", "admin"), open[0].Id, ReportResolution.Dismiss, null, "checked, the quote is right", CancellationToken.None);

        Assert.Equal(ResolveOutcome.Resolved, result.Outcome);
        Assert.Equal("two", Assert.Single(await reports.PageAsync(ReportStatus.Open, 0, 10, CancellationToken.None)).Reason);
        Assert.Equal("two", Assert.Single(await reports.PageAsync(ReportStatus.Open, 0, 1, CancellationToken.None)).Reason);
        Assert.Equal(open[0].Id, Assert.Single(await reports.PageAsync(ReportStatus.Dismissed, 0, 10, CancellationToken.None)).Id);
        var entry = (await bot.Get<AuditLog>().PageAsync(0, 1, CancellationToken.None))[0];
        Assert.Equal(new Actor("web", "admin"), entry.Actor);
        Assert.Equal(AuditLog.Actions.ResolveDismiss, entry.Action);
        Assert.Equal("checked, the quote is right", entry.Reason);
    }

    [StorageFact]
    public async Task TheAuditIsPagedNewestFirstAndReadsTheHistoryOfOneExcerpt()
    {
        var bot = Start();
        var moderator = new Actor("web", "admin");
        var disabled = bot.Get<DisabledCitations>();
        await disabled.DisableAsync(moderator, CitationTarget.Excerpt("a-1"), "misquoted", CancellationToken.None);
        await disabled.DisableAsync(moderator, CitationTarget.Excerpt("a-2"), "out of context", CancellationToken.None);
        await disabled.EnableAsync(moderator, CitationTarget.Excerpt("a-1"), CancellationToken.None);
        var audit = bot.Get<AuditLog>();

        var newest = await audit.PageAsync(0, 2, CancellationToken.None);
        var oldest = await audit.PageAsync(2, 2, CancellationToken.None);
        var history = await audit.ForTargetAsync(CitationTarget.Excerpt("a-1"), 10, CancellationToken.None);

        Assert.Equal([AuditLog.Actions.Enable, AuditLog.Actions.Disable], newest.Select(e => e.Action));
        Assert.Equal("misquoted", Assert.Single(oldest).Reason);
        Assert.Equal([AuditLog.Actions.Enable, AuditLog.Actions.Disable], history.Select(e => e.Action));
        Assert.All(history, e => Assert.Equal("excerpt a-1", e.Target));
    }
}
