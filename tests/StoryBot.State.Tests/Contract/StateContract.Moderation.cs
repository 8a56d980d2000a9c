using Microsoft.Extensions.Logging;
using StoryBot.Core.Answering;
using StoryBot.Core.Knowledge;
using StoryBot.State.Moderation;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Contract;

public abstract partial class StateContract
{
    [StorageFact]
    public async Task DisablingAnExcerptKeepsItOutOfTheNextAnswerAndEnablingBringsItBack()
    {
        var bot = Start();
        Assert.True((await bot.FilterAsync()).Allows(TestPack.Create().Excerpt("a-1")));

        var disabled = await bot.SendAsync(StateHarness.Moderator("/sources disable a-1 misquoted"));

        Assert.Equal(ReplyKind.Moderation, disabled.Kind);
        Assert.False((await bot.FilterAsync()).Allows(TestPack.Create().Excerpt("a-1")));
        Assert.True((await bot.FilterAsync()).Allows(TestPack.Create().Excerpt("a-2")));

        await bot.SendAsync(StateHarness.Moderator("/sources enable a-1"));

        Assert.True((await bot.FilterAsync()).Allows(TestPack.Create().Excerpt("a-1")));
    }

    [StorageFact]
    public async Task DisablingASourceWithholdsAllItsExcerpts()
    {
        var bot = Start();

        await bot.SendAsync(StateHarness.Moderator("/sources disable blog not a news source"));

        var filter = await bot.FilterAsync();
        Assert.False(filter.Allows(TestPack.Create().Excerpt("b-1")));
        Assert.True(filter.Allows(TestPack.Create().Excerpt("a-1")));
        Assert.Contains("blog", filter.DisabledSources);
    }

    [StorageFact]
    public async Task ADisableRecordsWhoWhyAndWhen()
    {
        var bot = Start();

        await bot.SendAsync(StateHarness.Moderator("/sources disable a-2 wrong paragraph", platform: "slack", user: "U42"));

        var entry = Assert.Single(await bot.Get<DisabledCitations>().ListAsync(CancellationToken.None));
        Assert.Equal(CitationTarget.Excerpt("a-2"), entry.Target);
        Assert.Equal(new Actor("slack", "U42"), entry.By);
        Assert.Equal("wrong paragraph", entry.Reason);
        Assert.Equal(Time.GetUtcNow(), entry.At);
    }

    [StorageFact]
    public async Task ANonModeratorIsRefusedOnDiscordAndSlackWithStateUnchangedAndTheAttemptLoggedAndAudited()
    {
        var bot = Start();

        foreach (var platform in new[] { "discord", "slack" })
        {
            var reply = await bot.SendAsync(StateHarness.Reader("/sources disable a-1 I dislike it", platform: platform));

            Assert.Equal(ReplyKind.Error, reply.Kind);
            Assert.True(reply.IsPrivate);
            Assert.Contains("only moderators", reply.Text, StringComparison.Ordinal);
        }

        Assert.True((await bot.FilterAsync()).Allows(TestPack.Create().Excerpt("a-1")));
        var audit = await bot.Get<AuditLog>().LatestAsync(10, CancellationToken.None);
        Assert.Equal(2, audit.Count);
        Assert.All(audit, entry => Assert.Equal(AuditLog.Actions.Refused, entry.Action));
        Assert.Equal(["slack", "discord"], audit.Select(e => e.Actor.Platform));
        Assert.All(audit, entry => Assert.Equal("moderate disable", entry.Target));
        var logged = bot.Logs.GetSnapshot().Where(record => record.Level == LogLevel.Warning).Select(record => record.Message);
        Assert.Equal(
            ["Refused /moderate disable from discord user reader-1: not a moderator", "Refused /moderate disable from slack user reader-1: not a moderator"],
            logged);
    }

    [StorageFact]
    public async Task ANonModeratorCannotReadTheReportsOrTheAuditButSeesThePublicList()
    {
        var bot = Start();
        await bot.SendAsync(StateHarness.Moderator("/sources disable blog off topic"));

        Assert.Equal(ReplyKind.Error, (await bot.SendAsync(StateHarness.Reader("/sources reports"))).Kind);
        Assert.Equal(ReplyKind.Error, (await bot.SendAsync(StateHarness.Reader("/sources audit"))).Kind);
        Assert.Equal(ReplyKind.Error, (await bot.SendAsync(StateHarness.Reader("/sources list"))).Kind);
        var list = await bot.SendAsync(StateHarness.Reader("/sources"));

        Assert.Equal(ReplyKind.Help, list.Kind);
        Assert.Contains("Streit um Stargate", list.Text, StringComparison.Ordinal);
        Assert.Contains("withdrawn", list.Text, StringComparison.Ordinal);
    }

    [StorageFact]
    public async Task TheModeratorsToolsAnswerUnderModerateAndStillUnderSourcesWhereTheyWereBefore()
    {
        var bot = Start();

        var disabled = await bot.SendAsync(StateHarness.Moderator("/moderate disable a-2 misquoted"));
        var enabled = await bot.SendAsync(StateHarness.Moderator("/sources enable a-2"));
        var refused = await bot.SendAsync(StateHarness.Reader("/moderate list"));
        var bare = await bot.SendAsync(StateHarness.Moderator("/moderate"));
        var unknown = await bot.SendAsync(StateHarness.Moderator("/sources purge"));

        Assert.Equal(ReplyKind.Moderation, disabled.Kind);
        Assert.Equal(ReplyKind.Moderation, enabled.Kind);
        Assert.True((await bot.FilterAsync()).Allows(TestPack.Create().Excerpt("a-2")));
        Assert.Equal(3, (await bot.Get<AuditLog>().LatestAsync(10, CancellationToken.None)).Count); // disabled, enabled, refused
        Assert.Equal(ReplyKind.Error, refused.Kind);
        Assert.Contains("only moderators can use /moderate list", refused.Text, StringComparison.Ordinal);
        Assert.Equal(ReplyKind.Error, bare.Kind);
        Assert.Contains("/moderate list, disable <id> <reason>", bare.Text, StringComparison.Ordinal);
        Assert.StartsWith("I don't know /sources purge.", unknown.Text, StringComparison.Ordinal);
    }

    [StorageFact]
    public async Task TheModeratorsListShowsEveryExcerptWithItsIdAndStatus()
    {
        var bot = Start();
        await bot.SendAsync(StateHarness.Moderator("/sources disable a-2 misquoted"));

        var list = await bot.SendAsync(StateHarness.Moderator("/sources list"));

        Assert.Equal(ReplyKind.Moderation, list.Kind);
        var lines = list.Text.Split('\n');
        Assert.Contains(lines, l => l.Contains("a-1", StringComparison.Ordinal) && l.Contains("enabled", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("a-2", StringComparison.Ordinal) && l.Contains("DISABLED by mod-1", StringComparison.Ordinal) && l.Contains("misquoted", StringComparison.Ordinal));
        Assert.Contains(list.Body, run => run is { Text: "misquoted", Style: RunStyle.UserText });
    }

    [StorageFact]
    public async Task AnUnknownIdGetsAPoliteErrorWithAHintAndChangesNothing()
    {
        var bot = Start();

        var reply = await bot.SendAsync(StateHarness.Moderator("/sources disable a-9 typo"));

        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Contains("a-9", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Did you mean", reply.Text, StringComparison.Ordinal);
        Assert.Contains("/moderate list", reply.Text, StringComparison.Ordinal);
        Assert.Empty((await bot.FilterAsync()).DisabledExcerpts);
        Assert.Empty(await bot.Get<AuditLog>().LatestAsync(10, CancellationToken.None));
    }

    [StorageFact]
    public async Task ADisableWithoutAReasonIsRefused()
    {
        var bot = Start();

        var reply = await bot.SendAsync(StateHarness.Moderator("/sources disable a-1"));

        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Empty((await bot.FilterAsync()).DisabledExcerpts);
    }

    [StorageFact]
    public async Task ModeratorRepliesComeInTheRequestsLanguage()
    {
        var bot = Start();

        var reply = await bot.SendAsync(StateHarness.Moderator("/sources disable a-1 falsch zitiert"), Language.German);

        Assert.Equal(Language.German, reply.Language);
        Assert.Contains("Gesperrt", reply.Text, StringComparison.Ordinal);
    }

    [StorageFact]
    public async Task DisablingTwiceIsReportedAndAuditedOnce()
    {
        var bot = Start();

        await bot.SendAsync(StateHarness.Moderator("/sources disable a-1 first"));
        var again = await bot.SendAsync(StateHarness.Moderator("/sources disable a-1 second"));

        Assert.Contains("already disabled", again.Text, StringComparison.Ordinal);
        Assert.Single(await bot.Get<AuditLog>().LatestAsync(10, CancellationToken.None));
        Assert.Equal("first", Assert.Single(await bot.Get<DisabledCitations>().ListAsync(CancellationToken.None)).Reason);
    }

    [StorageFact]
    public async Task TwoInstancesOnOneDatabaseSeeEachOthersDisablesAtOnce()
    {
        var first = Start();
        var second = Start();
        Assert.True((await second.FilterAsync()).Allows(TestPack.Create().Excerpt("a-1")));

        await first.SendAsync(StateHarness.Moderator("/sources disable a-1 withdrawn"));

        Assert.False((await second.FilterAsync()).Allows(TestPack.Create().Excerpt("a-1")));

        await second.SendAsync(StateHarness.Moderator("/sources enable a-1"));

        Assert.True((await first.FilterAsync()).Allows(TestPack.Create().Excerpt("a-1")));
    }

    [StorageFact]
    public async Task ARestartKeepsDisablesReportsAnswersAndTheAuditTrail()
    {
        await using (var before = new StateHarness(Backend, Time, [Discord.Object]))
        {
            await before.PostAnswerAsync("m-1", Language.English, "a-2");
            await before.SendAsync(StateHarness.Moderator("/sources disable a-1 misquoted"));
            await before.SendAsync(StateHarness.Reader("/report the number is wrong", referenced: "m-1"));
        }

        var after = Start();

        Assert.False((await after.FilterAsync()).Allows(TestPack.Create().Excerpt("a-1")));
        var report = Assert.Single(await after.Get<ReaderReports>().OpenAsync(10, CancellationToken.None));
        Assert.Equal("the number is wrong", report.Reason);
        Assert.Equal("question for m-1", report.Question);
        var audit = await after.Get<AuditLog>().LatestAsync(10, CancellationToken.None);
        Assert.Equal([AuditLog.Actions.Report, AuditLog.Actions.Disable], audit.Select(e => e.Action));
        Assert.NotNull(await after.Get<AnswerLog>().FindByMessageAsync("discord", "channel-1", "m-1", CancellationToken.None));
    }

    [StorageFact]
    public async Task TheAuditCommandListsTheLatestActionsNewestFirst()
    {
        var bot = Start();
        await bot.SendAsync(StateHarness.Moderator("/sources disable a-1 misquoted"));
        await bot.SendAsync(StateHarness.Moderator("/sources enable a-1"));
        await bot.SendAsync(StateHarness.Reader("/sources disable b-1 nope", user: "troll"));

        var reply = await bot.SendAsync(StateHarness.Moderator("/sources audit"));

        Assert.Equal(ReplyKind.Moderation, reply.Kind);
        var lines = reply.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Contains("refused", lines[0], StringComparison.Ordinal);
        Assert.Contains("troll", lines[0], StringComparison.Ordinal);
        Assert.Contains("enable excerpt a-1", lines[1], StringComparison.Ordinal);
        Assert.Contains("disable excerpt a-1", lines[2], StringComparison.Ordinal);
        Assert.Contains("misquoted", lines[2], StringComparison.Ordinal);

        var latestOne = await bot.SendAsync(StateHarness.Moderator("/sources audit 1"));
        Assert.Equal(2, latestOne.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
