using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StoryBot.Core.Conversation;
using StoryBot.State.Summaries;
using StoryBot.State.Telemetry;
using StoryBot.Testing.Telemetry;

namespace StoryBot.State.Tests.Summaries;

public abstract class SummarySlotClaimerTests
{
    private static readonly DateTimeOffset Slot = new(2026, 6, 1, 7, 0, 0, TimeSpan.Zero);
    private static readonly SummarySchedule Daily = SummarySlotsTests.Schedule(time: "09:00");
    private static readonly SummarySlot DailySlot = new(Daily.Name, Slot);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private readonly Mock<ISummaryLedger> _ledger = new(MockBehavior.Strict);
    private readonly FakeTimeProvider _time = new(Slot);
    private readonly FakeLogCollector _logs = new();
    private readonly SummarySlotClaimer _claims;

    protected SummarySlotClaimerTests()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new SummariesOptions { ClaimLease = Lease });
        _claims = new SummarySlotClaimer(_ledger.Object, options, new StateTelemetry(new TestMeterFactory()), _time, new FakeLogger<SummaryScheduler>(_logs));
    }

    private static SlotRecord Record(SlotStatus status, string? owner = "other", DateTimeOffset? leaseUntil = null) =>
        new(DailySlot, "discord", "c1", status, owner, leaseUntil, 1, null, null, [], null);

    private IReadOnlyList<FakeLogRecord> Logs(LogLevel level) => [.. _logs.GetSnapshot().Where(log => log.Level == level)];

    private bool IsMine(SlotClaim claim) =>
        claim == new SlotClaim(DailySlot, "2026-06-01 09:00 +02:00 Europe/Berlin", "discord", "c1", _claims.Owner);

    public sealed class Claiming : SummarySlotClaimerTests
    {
        [Fact]
        public async Task AClaimIsMadeAsThisInstanceForOneLease()
        {
            _ledger.Setup(l => l.TryClaimAsync(It.Is<SlotClaim>(c => IsMine(c)), Slot, Slot + Lease, It.IsAny<CancellationToken>()))
                .ReturnsAsync(new ClaimResult(ClaimOutcome.Claimed, Record(SlotStatus.Claimed, _claims.Owner, Slot + Lease)));

            var claim = await _claims.ClaimToPostAsync(Daily, DailySlot, Slot, CancellationToken.None);

            Assert.Equal(ClaimOutcome.Claimed, claim.Outcome);
            Assert.Empty(_logs.GetSnapshot());
        }

        [Fact]
        public async Task TakingOverSaysWhoseClaimItWas()
        {
            _ledger.Setup(l => l.TryClaimAsync(It.IsAny<SlotClaim>(), Slot, Slot + Lease, It.IsAny<CancellationToken>()))
                .ReturnsAsync(new ClaimResult(ClaimOutcome.TakenOver, Record(SlotStatus.Claimed, _claims.Owner, Slot + Lease), "crashed-instance"));

            await _claims.ClaimToPostAsync(Daily, DailySlot, Slot, CancellationToken.None);

            Assert.Contains("was claimed by crashed-instance, which stopped before recording a post; taking it over", Assert.Single(Logs(LogLevel.Warning)).Message, StringComparison.Ordinal);
        }

        [Fact]
        public void EachInstanceHasItsOwnOwnerName()
        {
            var other = new SummarySlotClaimer(_ledger.Object, Microsoft.Extensions.Options.Options.Create(new SummariesOptions()), new StateTelemetry(new TestMeterFactory()), _time, new FakeLogger<SummaryScheduler>());

            Assert.NotEqual(_claims.Owner, other.Owner);
            Assert.StartsWith($"{Environment.MachineName}/{Environment.ProcessId}/", _claims.Owner, StringComparison.Ordinal);
        }
    }

    public sealed class Retrying : SummarySlotClaimerTests
    {
        [Fact]
        public async Task WaitingForARetryKeepsTheClaimOneLeasePastTheRetryAndRecordsTheAttempt()
        {
            var retryAt = Slot.AddSeconds(30);
            _ledger.Setup(l => l.RenewAsync(DailySlot, _claims.Owner, Slot, retryAt + Lease, 1, "503", It.IsAny<CancellationToken>())).ReturnsAsync(true);

            Assert.True(await _claims.HoldForRetryAsync(Daily, DailySlot, 1, "503", Slot, retryAt, CancellationToken.None));

            Assert.Contains("failed on attempt 1: 503. Next attempt at 2026-06-01 07:00:30Z", Assert.Single(Logs(LogLevel.Warning)).Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task AClaimLostBeforeTheRetryIsNotAnnounced()
        {
            _ledger.Setup(l => l.RenewAsync(DailySlot, _claims.Owner, Slot, It.IsAny<DateTimeOffset>(), 1, "503", It.IsAny<CancellationToken>())).ReturnsAsync(false);

            Assert.False(await _claims.HoldForRetryAsync(Daily, DailySlot, 1, "503", Slot, Slot.AddSeconds(30), CancellationToken.None));

            Assert.Empty(_logs.GetSnapshot());
        }

        [Fact]
        public async Task ReleasingEndsTheLeaseNowAndKeepsTheAttemptsAndLastError()
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            var now = Slot.AddSeconds(10);
            _ledger.Setup(l => l.RenewAsync(DailySlot, _claims.Owner, now, now, 1, "503", It.IsAny<CancellationToken>())).ReturnsAsync(true);

            await _claims.ReleaseAsync(DailySlot, 1, "503", CancellationToken.None);

            _ledger.VerifyAll();
        }
    }

    public sealed class Skipping : SummarySlotClaimerTests
    {
        [Fact]
        public async Task ASlotNobodyClaimedIsRecordedSkippedWithTheReason()
        {
            _ledger.Setup(l => l.RecordSkippedAsync(It.Is<SlotClaim>(c => IsMine(c)), Slot, "too late", It.IsAny<CancellationToken>())).ReturnsAsync(true);

            Assert.Equal((true, (DateTimeOffset?)null), await _claims.SkipAsync(Daily, DailySlot, Slot, "too late", CancellationToken.None));

            Assert.EndsWith("slot 2026-06-01 09:00 +02:00 Europe/Berlin: too late.", Assert.Single(Logs(LogLevel.Warning)).Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task ASlotAlreadyDecidedIsLeftAsItIs()
        {
            _ledger.Setup(l => l.RecordSkippedAsync(It.IsAny<SlotClaim>(), Slot, "too late", It.IsAny<CancellationToken>())).ReturnsAsync(false);
            _ledger.Setup(l => l.FindAsync(DailySlot, It.IsAny<CancellationToken>())).ReturnsAsync(Record(SlotStatus.Posted));

            Assert.Equal((true, (DateTimeOffset?)null), await _claims.SkipAsync(Daily, DailySlot, Slot, "too late", CancellationToken.None));

            Assert.Empty(_logs.GetSnapshot());
        }

        [Fact]
        public async Task ALiveClaimElsewhereIsNotTouchedAndItsLeaseEndIsReturned()
        {
            _ledger.Setup(l => l.RecordSkippedAsync(It.IsAny<SlotClaim>(), Slot, "too late", It.IsAny<CancellationToken>())).ReturnsAsync(false);
            _ledger.Setup(l => l.FindAsync(DailySlot, It.IsAny<CancellationToken>())).ReturnsAsync(Record(SlotStatus.Claimed, leaseUntil: Slot.AddMinutes(3)));

            Assert.Equal((false, (DateTimeOffset?)Slot.AddMinutes(3)), await _claims.SkipAsync(Daily, DailySlot, Slot, "too late", CancellationToken.None));
        }

        [Fact]
        public async Task AnExpiredClaimIsTakenOverAndClosedSkippedNamingItsHolder()
        {
            _ledger.Setup(l => l.RecordSkippedAsync(It.IsAny<SlotClaim>(), Slot, "too late", It.IsAny<CancellationToken>())).ReturnsAsync(false);
            _ledger.Setup(l => l.FindAsync(DailySlot, It.IsAny<CancellationToken>())).ReturnsAsync(Record(SlotStatus.Claimed, "crashed-instance", Slot.AddMinutes(-1)));
            _ledger.Setup(l => l.TryClaimAsync(It.Is<SlotClaim>(c => IsMine(c)), Slot, Slot + Lease, It.IsAny<CancellationToken>()))
                .ReturnsAsync(new ClaimResult(ClaimOutcome.TakenOver, Record(SlotStatus.Claimed, _claims.Owner), "crashed-instance"));
            _ledger.Setup(l => l.CloseAsync(DailySlot, _claims.Owner, Slot, SlotStatus.Skipped,
                "claimed by crashed-instance, which stopped before recording a post; too late", It.IsAny<CancellationToken>())).ReturnsAsync(true);

            Assert.Equal((true, (DateTimeOffset?)null), await _claims.SkipAsync(Daily, DailySlot, Slot, "too late", CancellationToken.None));

            Assert.Contains("may or may not have reached discord channel c1", Assert.Single(Logs(LogLevel.Warning)).Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task AnExpiredClaimAnotherInstanceTakesOverFirstStaysUndecided()
        {
            _ledger.Setup(l => l.RecordSkippedAsync(It.IsAny<SlotClaim>(), Slot, "too late", It.IsAny<CancellationToken>())).ReturnsAsync(false);
            _ledger.Setup(l => l.FindAsync(DailySlot, It.IsAny<CancellationToken>())).ReturnsAsync(Record(SlotStatus.Claimed, "crashed-instance", Slot.AddMinutes(-1)));
            _ledger.Setup(l => l.TryClaimAsync(It.IsAny<SlotClaim>(), Slot, Slot + Lease, It.IsAny<CancellationToken>()))
                .ReturnsAsync(new ClaimResult(ClaimOutcome.HeldElsewhere, Record(SlotStatus.Claimed, "quicker-instance", Slot + Lease)));

            Assert.Equal((false, (DateTimeOffset?)null), await _claims.SkipAsync(Daily, DailySlot, Slot, "too late", CancellationToken.None));
        }
    }

    public sealed class RecordingPosts : SummarySlotClaimerTests
    {
        private static readonly PostedMessage Message = new("discord", "c1", "m1");
        private static readonly PostedSummary Posted = new(Daily, DailySlot, Message, "https://discord.com/channels/g1/c1/m1", "pack-1", ["a", "b"]);

        private void MarkPosted(Func<bool> result) =>
            _ledger.Setup(l => l.MarkPostedAsync(DailySlot, _claims.Owner, Slot, Message, Posted.Permalink, "pack-1", Posted.ExcerptIds, It.IsAny<CancellationToken>()))
                .ReturnsAsync(result);

        [Fact]
        public async Task ARecordedPostIsLoggedWithItsMessageAndCitations()
        {
            MarkPosted(() => true);

            Assert.True(await _claims.MarkPostedAsync(Posted, CancellationToken.None));

            Assert.Contains("for slot 2026-06-01 09:00 +02:00 Europe/Berlin (message m1, 2 citations, pack pack-1)", Assert.Single(Logs(LogLevel.Information)).Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task APostWhoseClaimWasTakenOverMeanwhileWarnsOfADouble()
        {
            MarkPosted(() => false);

            Assert.True(await _claims.MarkPostedAsync(Posted, CancellationToken.None));

            Assert.Contains("the channel may show this summary twice", Assert.Single(Logs(LogLevel.Warning)).Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task APostTheLedgerCannotTakeIsKeptAndWrittenOnceTheLedgerIsBack()
        {
            var reachable = false;
            MarkPosted(() => reachable ? true : throw new TimeoutException("database unreachable"));

            Assert.False(await _claims.MarkPostedAsync(Posted, CancellationToken.None));
            Assert.Contains("TimeoutException: database unreachable", Assert.Single(Logs(LogLevel.Error)).Message, StringComparison.Ordinal);
            Assert.False(await _claims.MarkUnrecordedPostedAsync(Daily, CancellationToken.None));
            Assert.Single(Logs(LogLevel.Error));

            reachable = true;
            Assert.True(await _claims.MarkUnrecordedPostedAsync(Daily, CancellationToken.None));
            Assert.True(await _claims.MarkUnrecordedPostedAsync(Daily, CancellationToken.None));

            _ledger.Verify(l => l.MarkPostedAsync(DailySlot, _claims.Owner, Slot, Message, Posted.Permalink, "pack-1", Posted.ExcerptIds, It.IsAny<CancellationToken>()), Times.Exactly(3));
            Assert.Collection(
                Logs(LogLevel.Information),
                log => Assert.Contains("The summary ledger is reachable again", log.Message, StringComparison.Ordinal),
                log => Assert.StartsWith("Posted the", log.Message, StringComparison.Ordinal));
        }
    }

    public sealed class Closing : SummarySlotClaimerTests
    {
        [Fact]
        public async Task AFailedSlotIsClosedWithItsAttemptsAndLastError()
        {
            _time.Advance(TimeSpan.FromMinutes(16));
            _ledger.Setup(l => l.CloseAsync(DailySlot, _claims.Owner, Slot.AddMinutes(16), SlotStatus.Failed,
                "gave up after 6 attempt(s); last error: 503", It.IsAny<CancellationToken>())).ReturnsAsync(true);

            await _claims.CloseFailedAsync(Daily, DailySlot, 6, "503", CancellationToken.None);

            Assert.StartsWith("Gave up on the summary of schedule daily for discord channel c1", Assert.Single(Logs(LogLevel.Error)).Message, StringComparison.Ordinal);
        }
    }
}
