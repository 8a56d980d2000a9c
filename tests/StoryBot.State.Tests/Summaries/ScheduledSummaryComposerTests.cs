using Moq;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Platforms;
using StoryBot.State.Summaries;

namespace StoryBot.State.Tests.Summaries;

public sealed class ScheduledSummaryComposerTests
{
    private static readonly SummarySchedule Daily = SummarySlotsTests.Schedule(time: "09:00");

    private readonly Mock<ISummaryLedger> _ledger = new();
    private KnowledgePack _pack = SummaryTestPack.Build("pack-2");
    private CitationFilter _filter = CitationFilter.AllowAll;

    private Task<ScheduledSummary> ComposeAsync()
    {
        var knowledge = new Mock<IKnowledgeProvider>();
        knowledge.SetupGet(k => k.Current).Returns(() => _pack);
        var policy = new Mock<ICitationPolicy>();
        policy.Setup(p => p.GetFilterAsync(It.IsAny<CancellationToken>())).Returns(() => ValueTask.FromResult(_filter));
        return new ScheduledSummaryComposer(new StorySummaryComposer(), knowledge.Object, policy.Object, _ledger.Object)
            .ComposeAsync(Daily, PlatformLimits.Unbounded, CancellationToken.None);
    }

    private void LastPosted(string packVersion, params string[] excerptIds) =>
        _ledger.Setup(l => l.LastPostedAsync("discord", "c1", It.IsAny<CancellationToken>())).ReturnsAsync(new SlotRecord(
            new SummarySlot("other-schedule", DateTimeOffset.UnixEpoch), "discord", "c1", SlotStatus.Posted, "instance-a", null, 1, "m1", packVersion, excerptIds, null));

    [Fact]
    public async Task TheFirstSummaryInAChannelSaysNothingAboutChangesAndRestsOnTheCurrentPack()
    {
        var summary = await ComposeAsync();

        Assert.False(summary.Reply.Abstained);
        Assert.DoesNotContain("Since the last summary", summary.Reply.Text, StringComparison.Ordinal);
        Assert.Equal("pack-2", summary.PackVersion);
        Assert.Equal(summary.Reply.Citations.Select(c => c.Id), summary.ExcerptIds);
        Assert.Empty(summary.UnverifiedQuotes);
        _ledger.Verify(l => l.LastPostedAsync("discord", "c1", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ASummaryAfterOneFromAnOlderPackInTheSameChannelSaysTheNotesWereUpdated()
    {
        LastPosted("pack-1", "stargate-up-to-500bn");

        var summary = await ComposeAsync();

        Assert.Contains("Since the last summary: The curated story notes were updated.", summary.Reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQuoteCitedLastTimeAndDisabledSinceIsNamedAsWithdrawn()
    {
        LastPosted("pack-2", "musk-softbank-under-10bn");
        _filter = new CitationFilter(new HashSet<string>(), new HashSet<string> { "musk-softbank-under-10bn" });

        var summary = await ComposeAsync();

        Assert.DoesNotContain("musk-softbank-under-10bn", summary.ExcerptIds);
        Assert.Contains("Withdrawn: 1 quote cited last time is no longer cited (musk-softbank-under-10bn).", summary.Reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQuoteThatDoesNotMatchItsSourceIsReportedWithThePackToCorrect()
    {
        _pack = SummaryTestPack.Misquoted(_pack);

        var summary = await ComposeAsync();

        Assert.Equal(["stargate-up-to-500bn"], summary.UnverifiedQuotes);
        Assert.Equal(
            "quotes stargate-up-to-500bn do not match their source text in knowledge pack pack-tampered; correct the curated quotes",
            summary.QuoteProblem);
    }

    [Fact]
    public async Task WithEverySourceDisabledTheSummaryAbstains()
    {
        _filter = new CitationFilter(new HashSet<string> { SummaryTestPack.SourceId }, new HashSet<string>());

        var summary = await ComposeAsync();

        Assert.True(summary.Reply.Abstained);
        Assert.Empty(summary.ExcerptIds);
    }
}
