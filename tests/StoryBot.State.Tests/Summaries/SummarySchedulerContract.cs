using Microsoft.Extensions.Logging;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Platforms;
using StoryBot.State.Summaries;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Summaries;

/// <summary>
/// The scheduler's promises, on each storage provider: one summary per slot, whatever restarts,
/// downtime, failures, other instances and daylight-saving changes happen around it.
/// </summary>
public abstract partial class SummarySchedulerContract(StorageBackend backend) : IAsyncLifetime
{
    // Monday 1 June 2026; 09:00 in Berlin (CEST) is 07:00 UTC.
    private static readonly DateTimeOffset Midnight = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Slot = new(2026, 6, 1, 7, 0, 0, TimeSpan.Zero);
    private static readonly SummarySlot MorningSlot = new("morning", Slot);
    private const string SlotInBerlin = "2026-06-01 09:00 +02:00 Europe/Berlin";

    private SchedulerHarness? _harness;

    private SchedulerHarness Harness => _harness ??= new SchedulerHarness(backend, Midnight).Schedule("morning", "chan-1", time: "09:00");

    public Task InitializeAsync() => backend.InitializeAsync();

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.StopAllAsync();
        }

        await backend.DisposeAsync();
    }

    private Task<SlotRecord?> RecordAsync(SummarySlot slot) => Harness.Ledger().FindAsync(slot, CancellationToken.None);

    [StorageFact]
    public async Task ASlotFiresOnceAtItsTimeAndRecordsTheMessage()
    {
        await Harness.StartAsync();

        await Harness.RunUntilAsync(Midnight.AddHours(23));

        var post = Assert.Single(Harness.Discord.Posts);
        Assert.Equal(("chan-1", Slot), (post.ChannelId, post.At));
        var record = await RecordAsync(MorningSlot);
        Assert.NotNull(record);
        Assert.Equal(SlotStatus.Posted, record.Status);
        Assert.Equal(post.MessageId, record.MessageId);
        Assert.Equal(Harness.Pack.Version, record.PackVersion);
        Assert.Equal(post.Reply.Citations.Select(c => c.Id), record.ExcerptIds);
        Assert.Contains(Harness.LogsAt(LogLevel.Information), log => log.Message.Contains($"Posted the en summary of schedule morning to discord channel chan-1 for slot {SlotInBerlin}", StringComparison.Ordinal));
    }

    [StorageFact]
    public async Task APostedSummaryKeepsTheLinkThePlatformGaveForIt()
    {
        await Harness.StartAsync();

        await Harness.RunUntilAsync(Slot.AddHours(1));

        var post = Assert.Single(Harness.Discord.Posts);
        Assert.Equal(FakePoster.Link("chan-1", post.MessageId), (await RecordAsync(MorningSlot))?.Permalink);
        var history = await ((ISummaryHistory)Harness.Ledger()).LatestAsync(0, 10, CancellationToken.None);
        Assert.Equal(FakePoster.Link("chan-1", post.MessageId), history.Single(r => r.Slot == MorningSlot).Permalink);
        Assert.All(history.Where(r => r.Status != SlotStatus.Posted), r => Assert.Null(r.Permalink));
    }

    [StorageFact]
    public async Task ASummaryRecordedBeforeLinksWereKeptKeepsEverythingAndHasNoLink()
    {
        var before = backend.Open(new LedgerBefore202());
        await before.MigrateAsync(CancellationToken.None);
        await before.WriteAsync(
            session => session.ExecuteAsync(
                """
                INSERT INTO summary_ledger (schedule, slot_utc, slot_local, platform, channel_id, status, attempts, message_id, pack_version, excerpt_ids, created_at, updated_at)
                VALUES ('morning', @slot, '09:00', 'discord', 'chan-1', 'posted', 1, 'm-old', 'v1', 'a,b', 0, 0)
                """,
                ("slot", Slot.ToUnixTimeSeconds())),
            CancellationToken.None);

        var record = await RecordAsync(MorningSlot);

        Assert.NotNull(record);
        Assert.Equal((SlotStatus.Posted, "m-old", "v1"), (record.Status, record.MessageId, record.PackVersion));
        Assert.Equal(["a", "b"], record.ExcerptIds);
        Assert.Null(record.Permalink);
    }

    /// <summary>The ledger's schema as it was before links were kept.</summary>
    private sealed class LedgerBefore202 : StoryBot.State.Storage.IStateMigrations
    {
        public IEnumerable<StoryBot.State.Storage.StateMigration> Migrations => new SummaryLedgerSchema().Migrations.Where(m => m.Version < 202);
    }

    [StorageFact]
    public async Task ARestartJustBeforeTheSlotPostsOnceAtTheSlot()
    {
        var first = await Harness.StartAsync();
        await Harness.RunUntilAsync(Slot.AddMinutes(-1));
        await Harness.StopAsync(first);

        await Harness.StartAsync();
        await Harness.RunUntilAsync(Slot.AddHours(5));

        Assert.Equal(Slot, Assert.Single(Harness.Discord.Posts).At);
    }

    [StorageFact]
    public async Task ARestartInsideTheSlotDoesNotPostAgain()
    {
        var first = await Harness.StartAsync();
        await Harness.RunUntilAsync(Slot.AddMinutes(1));
        await Harness.StopAsync(first);

        await Harness.StartAsync();
        await Harness.RunUntilAsync(Slot.AddHours(5));

        Assert.Single(Harness.Discord.Posts);
    }

    [StorageFact]
    public async Task DowntimeAcrossASlotInsideTheCatchUpWindowPostsOnceOnStart()
    {
        await Harness.StopAsync(await Harness.StartAsync());
        Harness.JumpTo(Slot.AddHours(5));

        await Harness.StartAsync();
        await Harness.RunUntilAsync(Slot.AddHours(12));

        var post = Assert.Single(Harness.Discord.Posts);
        Assert.Equal(Slot.AddHours(5), post.At);
        Assert.Equal(SlotStatus.Posted, (await RecordAsync(MorningSlot))?.Status);
    }

    [StorageFact]
    public async Task DowntimeAcrossASlotBeyondTheCatchUpWindowSkipsItRecordsItAndSaysSo()
    {
        await Harness.StopAsync(await Harness.StartAsync());
        Harness.JumpTo(Slot.AddHours(6).AddMinutes(1));

        await Harness.StartAsync();
        await Harness.RunUntilAsync(Slot.AddHours(20));

        Assert.Empty(Harness.Discord.Posts);
        var record = await RecordAsync(MorningSlot);
        Assert.Equal(SlotStatus.Skipped, record?.Status);
        Assert.Contains(Harness.LogsAt(LogLevel.Warning), log =>
            log.Message.StartsWith($"Skipped the summary of schedule morning for discord channel chan-1, slot {SlotInBerlin}: the bot was not running", StringComparison.Ordinal)
            && log.Message.Contains("Summaries:CatchUpWindow", StringComparison.Ordinal));

        // The next day's slot posts as usual.
        await Harness.RunUntilAsync(Slot.AddDays(1).AddMinutes(1));
        Assert.Equal(Slot.AddDays(1), Assert.Single(Harness.Discord.Posts).At);
    }

    [StorageFact]
    public async Task AfterDowntimeAcrossSeveralSlotsOnlyTheNewestPosts()
    {
        var harness = new SchedulerHarness(backend, Midnight).Schedule("hourly", "chan-h", cron: "0 * * * *");
        _harness = harness;
        await harness.StopAsync(await harness.StartAsync());
        harness.JumpTo(Midnight.AddHours(3).AddMinutes(30));

        await harness.StartAsync();

        // Midnight's slot posted before the downtime; of 01:00, 02:00 and 03:00 only 03:00 posts.
        Assert.Equal([Midnight, Midnight.AddHours(3).AddMinutes(30)], harness.Discord.Posts.Select(p => p.At));
        Assert.Equal(SlotStatus.Skipped, (await harness.Ledger().FindAsync(new SummarySlot("hourly", Midnight.AddHours(1)), CancellationToken.None))?.Status);
        Assert.Equal(SlotStatus.Posted, (await harness.Ledger().FindAsync(new SummarySlot("hourly", Midnight.AddHours(3)), CancellationToken.None))?.Status);
        Assert.Equal(SlotStatus.Skipped, (await harness.Ledger().FindAsync(new SummarySlot("hourly", Midnight.AddHours(2)), CancellationToken.None))?.Status);
    }

    [StorageFact]
    public async Task TwoInstancesOnOneDatabasePostOnce()
    {
        await Harness.StartAsync();
        await Harness.StartAsync();

        await Harness.RunUntilAsync(Midnight.AddDays(2));

        Assert.Equal([Slot, Slot.AddDays(1)], Harness.Discord.Posts.Select(p => p.At));
    }

    [StorageFact]
    public async Task ThreeInstancesOnAnHourlySchedulePostEverySlotExactlyOnce()
    {
        var harness = new SchedulerHarness(backend, Midnight).Schedule("hourly", "chan-h", cron: "0 * * * *");
        _harness = harness;
        await harness.StartAsync();
        await harness.StartAsync();
        await harness.StartAsync();

        await harness.RunUntilAsync(Midnight.AddHours(30).AddMinutes(30));

        Assert.Equal(Enumerable.Range(0, 31).Select(hour => Midnight.AddHours(hour)), harness.Discord.Posts.Select(p => p.At).Order());
    }

    [StorageFact]
    public async Task AFailingPlatformIsRetriedWithBackoffThenRecordedFailedWithAnActionableLogLine()
    {
        Harness.Discord.Failure = _ => new HttpRequestException("Response status code does not indicate success: 503 (Service Unavailable).");
        await Harness.StartAsync();

        await Harness.RunUntilAsync(Slot.AddHours(7));

        // Six attempts, 30 s apart and then doubling: 0:00, 0:30, 1:30, 3:30, 7:30, 15:30.
        Assert.Equal(
            new[] { 0, 30, 90, 210, 450, 930 }.Select(seconds => Slot.AddSeconds(seconds)),
            Harness.Discord.Calls);
        Assert.Empty(Harness.Discord.Posts);
        var record = await RecordAsync(MorningSlot);
        Assert.Equal(SlotStatus.Failed, record?.Status);
        Assert.Contains("gave up after 6 attempt(s); last error: HttpRequestException: Response status code does not indicate success: 503", record?.Detail, StringComparison.Ordinal);
        var error = Assert.Single(Harness.LogsAt(LogLevel.Error));
        Assert.Equal(
            $"Gave up on the summary of schedule morning for discord channel chan-1, slot {SlotInBerlin}, after 6 attempt(s); "
            + "last error: HttpRequestException: Response status code does not indicate success: 503 (Service Unavailable).. "
            + "Recorded as failed; the next slot posts as usual. Check that the bot is connected to discord, that its token is valid, "
            + "and that it may post in channel chan-1.",
            error.Message);
        Assert.Equal(5, Harness.LogsAt(LogLevel.Warning).Count(log => log.Message.Contains("failed on attempt", StringComparison.Ordinal)));
    }

    [StorageFact]
    public async Task APlatformThatRefusesForGoodIsNotAskedAgainAndTheSlotIsRecordedFailedAtOnce()
    {
        Harness.Discord.Refusal = _ => PostResult.Permanent("channels/chan-1/messages answered 403 (code 50001): Missing Access");
        await Harness.StartAsync();

        await Harness.RunUntilAsync(Slot.AddHours(7));

        Assert.Equal([Slot], Harness.Discord.Calls);
        var record = await RecordAsync(MorningSlot);
        Assert.Equal(SlotStatus.Failed, record?.Status);
        Assert.Contains("Missing Access", record?.Detail, StringComparison.Ordinal);
    }

    [StorageFact]
    public async Task APlatformThatSaysNotNowIsAskedAgainWithBackoffUntilItTakesTheSummary()
    {
        Harness.Discord.Refusal = call => call <= 2 ? PostResult.Transient("ratelimited") : null;
        await Harness.StartAsync();

        await Harness.RunUntilAsync(Slot.AddHours(7));

        Assert.Equal([Slot, Slot.AddSeconds(30), Slot.AddSeconds(90)], Harness.Discord.Calls);
        Assert.Equal(Slot.AddSeconds(90), Assert.Single(Harness.Discord.Posts).At);
        Assert.Equal(SlotStatus.Posted, (await RecordAsync(MorningSlot))?.Status);
    }

    [StorageFact]
    public async Task ASummaryWhoseQuoteDoesNotMatchItsSourceIsNotPostedUntilThePackIsCorrected()
    {
        var good = Harness.Pack;
        Harness.Pack = SummaryTestPack.Misquoted(good);
        await Harness.StartAsync();

        await Harness.RunUntilAsync(Slot.AddMinutes(1));

        // Attempts at 0 s and 30 s refused before reaching the platform, each with a warning naming the excerpt.
        Assert.Empty(Harness.Discord.Calls);
        Assert.Equal(2, Harness.LogsAt(LogLevel.Warning).Count(log => log.Message.Contains("stargate-up-to-500bn do not match their source text", StringComparison.Ordinal)));

        Harness.Pack = good;
        await Harness.RunUntilAsync(Slot.AddHours(7));

        var post = Assert.Single(Harness.Discord.Posts);
        Assert.Equal(Slot.AddSeconds(90), post.At);
        Assert.Contains(post.Reply.Citations, c => c.Id == "stargate-up-to-500bn");
    }

    [StorageFact]
    public async Task APlatformThatRecoversWithinTheWindowGetsTheSummaryOnce()
    {
        Harness.Discord.Failure = call => call <= 2 ? new HttpRequestException("429 Too Many Requests") : null;
        await Harness.StartAsync();

        await Harness.RunUntilAsync(Slot.AddHours(7));

        Assert.Equal(Slot.AddSeconds(90), Assert.Single(Harness.Discord.Posts).At);
        var record = await RecordAsync(MorningSlot);
        Assert.Equal((SlotStatus.Posted, 2), (record?.Status, record?.Attempts));

        // Every attempt carries the slot's key, so a platform that did create the message on a lost attempt can hand it back.
        Assert.Equal(3, Harness.Discord.Keys.Count);
        Assert.Single(Harness.Discord.Keys.Distinct());
        Assert.Contains("morning", Harness.Discord.Keys[0], StringComparison.Ordinal);
    }

    [StorageFact]
    public async Task AGracefulRestartWhileWaitingToRetryLetsTheNextInstancePostAtOnce()
    {
        Harness.Discord.Failure = call => call == 1 ? new HttpRequestException("503 Service Unavailable") : null;
        var first = await Harness.StartAsync();
        await Harness.RunUntilAsync(Slot.AddSeconds(10));
        await Harness.StopAsync(first);

        await Harness.StartAsync();
        await Harness.RunUntilAsync(Slot.AddHours(1));

        // Handed back at Slot+10 s, taken over a second later, not after the 5-minute lease.
        Assert.Equal(Slot.AddSeconds(11), Assert.Single(Harness.Discord.Posts).At);
        var record = await RecordAsync(MorningSlot);
        Assert.Equal((SlotStatus.Posted, 2), (record?.Status, record?.Attempts));
    }

    [StorageFact]
    public async Task RetriesStopWhenTheCatchUpWindowCloses()
    {
        Harness.Options.CatchUpWindow = TimeSpan.FromMinutes(2);
        Harness.Discord.Failure = _ => new HttpRequestException("502 Bad Gateway");
        await Harness.StartAsync();

        await Harness.RunUntilAsync(Slot.AddHours(1));

        Assert.Equal([Slot, Slot.AddSeconds(30), Slot.AddSeconds(90)], Harness.Discord.Calls);
        Assert.Equal(SlotStatus.Failed, (await RecordAsync(MorningSlot))?.Status);
    }

    [StorageFact]
    public async Task AClaimLeftByACrashedInstanceIsTakenOverWhenItsLeaseRunsOut()
    {
        var ledger = Harness.Ledger();
        Harness.JumpTo(Slot);
        var crashed = await ledger.TryClaimAsync(
            new SlotClaim(MorningSlot, SlotInBerlin, "discord", "chan-1", "crashed-instance"), Slot, Slot.AddMinutes(5), CancellationToken.None);
        Assert.Equal(ClaimOutcome.Claimed, crashed.Outcome);

        await Harness.StartAsync();
        Assert.Empty(Harness.Discord.Posts);
        await Harness.RunUntilAsync(Slot.AddHours(1));

        Assert.Equal(Slot.AddMinutes(5).AddSeconds(1), Assert.Single(Harness.Discord.Posts).At);
        var record = await RecordAsync(MorningSlot);
        Assert.Equal((SlotStatus.Posted, 2), (record?.Status, record?.Attempts));
        Assert.Contains(Harness.LogsAt(LogLevel.Warning), log => log.Message.Contains("was claimed by crashed-instance, which stopped before recording a post; taking it over", StringComparison.Ordinal));
    }

    [StorageFact]
    public async Task AClaimLeftByACrashedInstancePastTheWindowIsClosedAsSkipped()
    {
        var ledger = Harness.Ledger();
        Harness.JumpTo(Slot);
        await ledger.TryClaimAsync(
            new SlotClaim(MorningSlot, SlotInBerlin, "discord", "chan-1", "crashed-instance"), Slot, Slot.AddMinutes(5), CancellationToken.None);
        Harness.JumpTo(Slot.AddHours(7));

        await Harness.StartAsync();

        Assert.Empty(Harness.Discord.Posts);
        Assert.Equal(SlotStatus.Skipped, (await RecordAsync(MorningSlot))?.Status);
        Assert.Contains(Harness.LogsAt(LogLevel.Warning), log => log.Message.Contains("may or may not have reached discord channel chan-1", StringComparison.Ordinal));
    }

    [StorageFact]
    public async Task ThePostedSummaryRespectsADisabledExcerptAndSaysItWasWithdrawn()
    {
        await Harness.StartAsync();
        await Harness.RunUntilAsync(Slot.AddHours(1));
        Assert.Contains(Assert.Single(Harness.Discord.Posts).Reply.Citations, c => c.Id == "musk-softbank-under-10bn");

        Harness.Filter = new CitationFilter(new HashSet<string>(), new HashSet<string> { "musk-softbank-under-10bn" });
        await Harness.RunUntilAsync(Slot.AddDays(1).AddHours(1));

        var second = Harness.Discord.Posts[1].Reply;
        Assert.DoesNotContain(second.Citations, c => c.Id == "musk-softbank-under-10bn");
        Assert.DoesNotContain(SummaryTestPack.Excerpt("musk-softbank-under-10bn").Quote, string.Concat(second.Citations.Select(c => c.Quote)), StringComparison.Ordinal);
        Assert.Contains("Withdrawn: 1 quote cited last time is no longer cited (musk-softbank-under-10bn).", second.Text, StringComparison.Ordinal);
        Assert.Equal(second.Citations.Select(c => c.Id), (await RecordAsync(new SummarySlot("morning", Slot.AddDays(1))))?.ExcerptIds);
    }

    [StorageFact]
    public async Task ANewPackVersionIsAnnouncedInTheNextSummary()
    {
        await Harness.StartAsync();
        await Harness.RunUntilAsync(Slot.AddHours(1));
        Assert.DoesNotContain("Since the last summary", Harness.Discord.Posts[0].Reply.Text, StringComparison.Ordinal);

        Harness.Pack = SummaryTestPack.Build("pack-2");
        await Harness.RunUntilAsync(Slot.AddDays(1).AddHours(1));

        Assert.Contains("Since the last summary: The curated story notes were updated.", Harness.Discord.Posts[1].Reply.Text, StringComparison.Ordinal);
    }

    [StorageFact]
    public async Task NothingCitableSkipsTheSlotInsteadOfPostingUncited()
    {
        Harness.Filter = new CitationFilter(new HashSet<string> { SummaryTestPack.SourceId }, new HashSet<string>());
        await Harness.StartAsync();

        await Harness.RunUntilAsync(Slot.AddHours(1));

        Assert.Empty(Harness.Discord.Calls);
        Assert.Equal(SlotStatus.Skipped, (await RecordAsync(MorningSlot))?.Status);
    }

    [StorageFact]
    public async Task AScheduleForAPlatformWithoutPosterIsRecordedFailedAndLogged()
    {
        var harness = new SchedulerHarness(backend, Midnight).Schedule("slacky", "C42", time: "09:00", platform: "slack");
        _harness = harness;
        await harness.StartAsync();

        await harness.RunUntilAsync(Slot.AddHours(1));

        Assert.Equal(SlotStatus.Failed, (await harness.Ledger().FindAsync(new SummarySlot("slacky", Slot), CancellationToken.None))?.Status);
        Assert.Contains(harness.LogsAt(LogLevel.Error), log => log.Message.Contains("no poster for slack is registered", StringComparison.Ordinal));
    }

    [StorageFact]
    public async Task EachSchedulePostsToItsOwnChannelInItsOwnLanguage()
    {
        var harness = new SchedulerHarness(backend, Midnight)
            .Schedule("berlin", "chan-de", time: "09:00", language: "de")
            .Schedule("london", "chan-en", time: "09:00", zone: "Europe/London");
        _harness = harness;
        await harness.StartAsync();

        await harness.RunUntilAsync(Midnight.AddHours(12));

        Assert.Equal(
            [("chan-de", Slot, Language.German), ("chan-en", Slot.AddHours(1), Language.English)],
            harness.Discord.Posts.Select(p => (p.ChannelId, p.At, p.Reply.Language)));
        Assert.StartsWith("Zusammenfassung der Geschichte\nWas geschah:", harness.Discord.Posts[0].Reply.Text, StringComparison.Ordinal);
        Assert.StartsWith("Story summary\nWhat happened:", harness.Discord.Posts[1].Reply.Text, StringComparison.Ordinal);
    }
}

public sealed class SqliteSummaryScheduler() : SummarySchedulerContract(new SqliteBackend());

[RequiresPostgres]
public sealed class PostgresSummaryScheduler() : SummarySchedulerContract(new PostgresBackend());
