using Moq;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.State.Summaries;

namespace StoryBot.State.Tests.Summaries;

public sealed class WhatsNewCommandTests
{
    private static readonly DateTimeOffset LastSummary = new(2025, 1, 21, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TellsWhatTheChannelsNextSummaryWouldLeadWithCitingOnlyTheNewReporting()
    {
        var before = SummaryTestPack.Build();
        var after = SummaryTestPack.WithFollowUp(before, LastSummary.AddHours(30));

        var reply = await AskAsync(after, Posted(before.Version, ["stargate-up-to-500bn"]));

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Equal(
            "What's new\nSince the last summary:\n• New reporting: \"Altman legt nach\" (Test Wire, January 22, 2025) [1]\nThe curated story notes were updated.",
            reply.Text);
        Assert.Equal("follow-up-1", Assert.Single(reply.Citations).Id);
    }

    [Fact]
    public async Task SaysThereIsNoNewReportingSinceTheChannelsLastSummaryInTheAskersLanguage()
    {
        var pack = SummaryTestPack.Build();

        var reply = await AskAsync(pack, Posted(pack.Version, ["stargate-up-to-500bn"]), Language.German);

        Assert.Equal("Was ist neu\nSeit der letzten Zusammenfassung: Keine neue Berichterstattung seit dem 21. Januar 2025.", reply.Text);
        Assert.Empty(reply.Citations);
    }

    [Fact]
    public async Task WhereNoSummaryWasPostedListsTheLatestReportingNewestFirstEachCited()
    {
        var pack = SummaryTestPack.WithFollowUp(SummaryTestPack.Build(), LastSummary);

        var withoutLedger = await AskAsync(pack, ledger: null);
        var nothingPosted = await AskAsync(pack, Mock.Of<ISummaryLedger>());

        Assert.Equal(withoutLedger.Text, nothingPosted.Text);
        var lines = withoutLedger.Text.Split('\n');
        Assert.Equal("Latest reporting:", lines[1]);
        Assert.Equal("• \"Altman legt nach\" (Test Wire, January 21, 2025) [1]", lines[2]);
        Assert.StartsWith("• \"Elon Musk und Sam Altman", lines[3], StringComparison.Ordinal);
        Assert.Equal(["follow-up-1", "headline"], withoutLedger.Citations.Select(c => c.Id));
    }

    private static ISummaryLedger Posted(string packVersion, IReadOnlyList<string> excerptIds)
    {
        var ledger = new Mock<ISummaryLedger>();
        ledger.Setup(l => l.LastPostedAsync("discord", "channel-1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SlotRecord(new SummarySlot("daily", LastSummary), "discord", "channel-1", SlotStatus.Posted, null, null, 1, "m-1", packVersion, excerptIds, null));
        return ledger.Object;
    }

    private static Task<Reply> AskAsync(KnowledgePack pack, ISummaryLedger? ledger, Language language = Language.English)
    {
        var knowledge = Mock.Of<IKnowledgeProvider>(k => k.Current == pack);
        var policy = new Mock<ICitationPolicy>();
        policy.Setup(p => p.GetFilterAsync(It.IsAny<CancellationToken>())).ReturnsAsync(CitationFilter.AllowAll);
        var command = new WhatsNewCommand(knowledge, policy.Object, [], ledger);
        var request = new ChatRequest("discord", "channel-1", "reader-1", "/whats-new");
        return command.ExecuteAsync(new CommandContext(request, string.Empty, language), CancellationToken.None);
    }
}
