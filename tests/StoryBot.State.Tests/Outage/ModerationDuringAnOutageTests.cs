using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Outage;

/// <summary>
/// The moderators' and readers' commands that need the state store, sent through the conversation
/// pipeline as an adapter sends them, while the store's PostgreSQL cannot be reached.
/// </summary>
[RequiresPostgres]
public sealed class ModerationDuringAnOutageTests : IAsyncLifetime
{
    private const string Unreachable =
        "Sorry, the moderation store can't be reached right now, so nothing was changed. Please try again in a few minutes.";

    private readonly PostgresOutage _outage = new();

    public Task InitializeAsync() => _outage.InitializeAsync();

    public Task DisposeAsync() => _outage.DisposeAsync();

    [StorageFact]
    public async Task ADisableWhileTheServerIsUnreachableIsAnsweredPolitelyChangesNothingAndWorksWhenTriedAgain()
    {
        var excerpt = (await _outage.AskAndRecordAsync("reader-1", "message-1")).Citations[0].Id;

        _outage.Proxy.Cut();
        var during = await _outage.SendAsync(Moderator($"/sources disable {excerpt} checking the figure"));

        Assert.Equal(ReplyKind.Error, during.Kind);
        Assert.Equal(Unreachable, during.Text);
        _outage.Proxy.Restore();
        await _outage.UntilWritesLandedAsync();
        Assert.Equal(0, await _outage.CountAsync("SELECT COUNT(*) FROM disabled_citations"));
        Assert.Equal(0, await _outage.CountAsync("SELECT COUNT(*) FROM corrections"));
        Assert.Equal(0, await _outage.CountAsync("SELECT COUNT(*) FROM audit_log"));

        var after = await _outage.SendAsync(Moderator($"/sources disable {excerpt} checking the figure"));
        Assert.Equal(ReplyKind.Moderation, after.Kind);
        Assert.Equal(1, await _outage.CountAsync("SELECT COUNT(*) FROM disabled_citations"));
    }

    [StorageFact]
    public async Task AChangeWhoseCommitWasCutOffIsNotCalledUnchangedAndIsThereOnceTheServerIsBack()
    {
        var excerpt = (await _outage.AskAndRecordAsync("reader-1", "message-1")).Citations[0].Id;
        await _outage.UntilWritesLandedAsync();

        _outage.Proxy.CutAtCommitOf("INSERT INTO disabled_citations");
        var during = await _outage.SendAsync(Moderator($"/sources disable {excerpt} checking the figure"));

        Assert.Equal(ReplyKind.Error, during.Kind);
        Assert.StartsWith("Sorry, the moderation store went away while saving this, so it may or may not have been done.", during.Text, StringComparison.Ordinal);
        _outage.Proxy.Restore();
        await _outage.UntilWritesLandedAsync();
        Assert.Equal(1, await _outage.CountAsync("SELECT COUNT(*) FROM disabled_citations"));
    }

    [StorageFact]
    public async Task AModeratorAskingInGermanIsToldInGerman()
    {
        _outage.Proxy.Cut();
        var reply = await _outage.SendAsync(Moderator("/sources reports") with { PreferredLanguage = Language.German });

        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Equal(Language.German, reply.Language);
        Assert.StartsWith("Entschuldigung, der Speicher der Moderation ist gerade nicht erreichbar; es wurde nichts geändert.", reply.Text, StringComparison.Ordinal);
    }

    [StorageFact]
    public async Task AReaderReportingAnAnswerWhileTheServerIsUnreachableIsToldNothingWasFiled()
    {
        await _outage.AskAndRecordAsync("reader-1", "message-1");

        _outage.Proxy.Cut();
        var reply = await _outage.SendAsync(new ChatRequest("discord", "channel-1", "reader-2", "/report wrong figure") { ReferencedMessageId = "message-1" });

        Assert.Equal(Unreachable, reply.Text);
        _outage.Proxy.Restore();
        await _outage.UntilWritesLandedAsync();
        Assert.Equal(0, await _outage.CountAsync("SELECT COUNT(*) FROM reports"));
    }

    [StorageFact]
    public async Task SomeoneWhoIsNotAModeratorIsStillRefusedAndTheRefusalIsAuditedOnceTheServerIsBack()
    {
        _outage.Proxy.Cut();
        var reply = await _outage.SendAsync(new ChatRequest("discord", "channel-1", "reader-1", "/sources disable anything because"));

        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.StartsWith("Sorry, only moderators can use /moderate disable.", reply.Text, StringComparison.Ordinal);
        _outage.Proxy.Restore();
        await _outage.UntilWritesLandedAsync();
        Assert.Equal(1, await _outage.CountAsync("SELECT COUNT(*) FROM audit_log WHERE action = 'refused' AND actor_id = 'reader-1'"));
    }

    [StorageFact]
    public async Task ReadersStillGetTheListOfSources()
    {
        await _outage.AskAndRecordAsync("reader-1", "message-1");

        _outage.Proxy.Cut();
        var reply = await _outage.SendAsync(new ChatRequest("discord", "channel-1", "reader-1", "/sources"));

        Assert.Equal(ReplyKind.Help, reply.Kind);
        Assert.StartsWith("Sources the answers quote:", reply.Text, StringComparison.Ordinal);
    }

    private static ChatRequest Moderator(string text) => new("discord", "channel-1", "moderator-1", text) { IsModerator = true };
}
