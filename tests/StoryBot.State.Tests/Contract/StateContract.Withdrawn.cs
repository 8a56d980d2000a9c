using Microsoft.Extensions.Logging;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.State.Moderation;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Contract;

public abstract partial class StateContract
{
    private static readonly Dictionary<string, string> A2Renamed = new() { ["a-2"] = "a-2-renamed" };

    [StorageFact]
    public async Task TheWithdrawalsAreReadAgainOnlyOnceTheyChanged()
    {
        var harness = Start();
        var policy = harness.Get<ICitationPolicy>();
        var moderator = new Actor("discord", "mod-1");

        var before = await policy.GetFilterAsync(CancellationToken.None);
        var unchanged = await policy.GetFilterAsync(CancellationToken.None);
        await harness.Get<DisabledCitations>().DisableAsync(moderator, CitationTarget.Excerpt("a-2"), "misquoted", CancellationToken.None);
        var disabled = await policy.GetFilterAsync(CancellationToken.None);
        await harness.Get<DisabledCitations>().EnableAsync(moderator, CitationTarget.Excerpt("a-2"), CancellationToken.None);
        var enabled = await policy.GetFilterAsync(CancellationToken.None);

        Assert.Same(before, unchanged);
        Assert.False(disabled.Allows(TestPack.Create().Excerpt("a-2")));
        Assert.True(enabled.Allows(TestPack.Create().Excerpt("a-2")));
    }

    [StorageFact]
    public async Task AWithdrawalWrittenByAnotherInstanceHoldsFromTheNextRead()
    {
        var policy = Start().Get<ICitationPolicy>();
        Assert.True((await policy.GetFilterAsync(CancellationToken.None)).Allows(TestPack.Create().Excerpt("a-2")));

        // Another instance, or an operator's SQL: the store counts the change however it is made.
        await Start().Get<StoryBot.State.Storage.IStateDatabase>().WriteAsync(
            session => session.ExecuteAsync(
                "INSERT INTO disabled_citations (target_kind, target_id, platform, disabled_by, reason, disabled_at) VALUES ('excerpt', 'a-2', 'slack', 'mod-2', 'elsewhere', 0)"),
            CancellationToken.None);

        Assert.False((await policy.GetFilterAsync(CancellationToken.None)).Allows(TestPack.Create().Excerpt("a-2")));
    }

    [StorageFact]
    public async Task AWithdrawnExcerptThatALaterPackRenamesStaysWithdrawn()
    {
        await Start().Get<DisabledCitations>().DisableAsync(new Actor("discord", "mod-1"), CitationTarget.Excerpt("a-2"), "misquoted", CancellationToken.None);

        var pack = TestPack.Create(A2Renamed);
        var filter = await StartWith(pack).Get<ICitationPolicy>().GetFilterAsync(CancellationToken.None);

        Assert.False(filter.Allows(pack.Excerpt("a-2-renamed")));
        Assert.True(filter.Allows(pack.Excerpt("a-1")));
    }

    [StorageFact]
    public async Task AnAnswerFromTheRenamingPackDoesNotCiteTheWithdrawnQuote()
    {
        await Start().Get<DisabledCitations>().DisableAsync(new Actor("discord", "mod-1"), CitationTarget.Excerpt("a-2"), "misquoted", CancellationToken.None);

        var pack = TestPack.Create(A2Renamed);
        var filter = await StartWith(pack).Get<ICitationPolicy>().GetFilterAsync(CancellationToken.None);
        var citable = pack.Excerpts.Where(filter.Allows).Select(e => e.Id);

        Assert.Equal(["a-1", "b-1"], citable);
    }

    [StorageFact]
    public async Task TheRenameIsLoggedNamingTheOldAndTheNewId()
    {
        await Start().Get<DisabledCitations>().DisableAsync(new Actor("discord", "mod-1"), CitationTarget.Excerpt("a-2"), "misquoted", CancellationToken.None);
        var harness = StartWith(TestPack.Create(A2Renamed));
        var watch = harness.HostedServices.OfType<WithdrawnExcerptsWatch>().Single();

        var renamed = await watch.CheckAsync(TestPack.Create(A2Renamed), CancellationToken.None);

        Assert.Equal([("a-2", "a-2-renamed")], renamed);
        Assert.Contains(harness.Logs.GetSnapshot(), l => l.Level == LogLevel.Warning && l.Message.Contains("a-2", StringComparison.Ordinal) && l.Message.Contains("a-2-renamed", StringComparison.Ordinal));
    }

    [StorageFact]
    public async Task AWithdrawalFromBeforeQuoteKeysGetsItsKeyWhileThePackStillHasTheId()
    {
        var database = Start().Get<StoryBot.State.Storage.IStateDatabase>();
        await database.WriteAsync(
            session => session.ExecuteAsync(
                "INSERT INTO disabled_citations (target_kind, target_id, platform, disabled_by, reason, disabled_at) VALUES ('excerpt', 'a-2', 'discord', 'mod-1', 'old', 0)"),
            CancellationToken.None);
        var watch = Start().HostedServices.OfType<WithdrawnExcerptsWatch>().Single();
        await watch.CheckAsync(TestPack.Create(), CancellationToken.None);

        var pack = TestPack.Create(A2Renamed);
        var filter = await StartWith(pack).Get<ICitationPolicy>().GetFilterAsync(CancellationToken.None);

        Assert.False(filter.Allows(pack.Excerpt("a-2-renamed")));
    }

    [StorageFact]
    public async Task EnablingTheIdThePackUsesNowLiftsAWithdrawalMadeUnderTheOldOne()
    {
        var moderator = new Actor("discord", "mod-1");
        await Start().Get<DisabledCitations>().DisableAsync(moderator, CitationTarget.Excerpt("a-2"), "misquoted", CancellationToken.None);
        var pack = TestPack.Create(A2Renamed);
        var renamed = StartWith(pack);

        var outcome = await renamed.Get<DisabledCitations>().EnableAsync(moderator, CitationTarget.Excerpt("a-2-renamed"), CancellationToken.None);
        var filter = await renamed.Get<ICitationPolicy>().GetFilterAsync(CancellationToken.None);

        Assert.Equal(ChangeOutcome.Changed, outcome);
        Assert.True(filter.Allows(pack.Excerpt("a-2-renamed")));
    }
}
