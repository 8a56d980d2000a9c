using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.State.Moderation;
using StoryBot.State.Storage;
using StoryBot.State.Tests.Storage;

namespace StoryBot.State.Tests.Contract;

public abstract partial class StateContract
{
    private static readonly Actor ChoosingModerator = new("slack", "mod-1");

    private sealed class MigrationsBefore(int version) : IStateMigrations
    {
        public IEnumerable<StateMigration> Migrations => new ModerationSchema().Migrations.Where(m => m.Version < version);
    }

    [StorageFact]
    public async Task AChannelsChosenStoryIsKeptAuditedAndReadByAnotherInstance()
    {
        var first = Start();
        var second = Start();

        var outcome = await first.Get<ChannelStoryChoices>().ChooseAsync(ChoosingModerator, "C1", "harbour-story", CancellationToken.None);

        Assert.Equal(ChangeOutcome.Changed, outcome);
        Assert.Equal("harbour-story", await second.Get<IChannelStoryChoices>().StoryOfAsync("slack", "C1", CancellationToken.None));
        Assert.Null(await second.Get<IChannelStoryChoices>().StoryOfAsync("discord", "C1", CancellationToken.None));
        var choice = Assert.Single(await second.Get<ChannelStoryChoices>().ListAsync(CancellationToken.None));
        Assert.Equal(new ChannelStoryChoice("slack", "C1", "harbour-story", "mod-1", Time.GetUtcNow()), choice);
        var audit = (await first.Get<AuditLog>().LatestAsync(5, CancellationToken.None))[0];
        Assert.Equal((AuditLog.Actions.ChannelStory, "C1", "harbour-story"), (audit.Action, audit.Target, audit.Reason));
    }

    [StorageFact]
    public async Task ChoosingTheSameStoryAgainChangesNothingAndClearingFallsBackToTheConfiguration()
    {
        var choices = Start().Get<ChannelStoryChoices>();
        await choices.ChooseAsync(ChoosingModerator, "C1", "harbour-story", CancellationToken.None);

        var again = await choices.ChooseAsync(ChoosingModerator, "C1", "harbour-story", CancellationToken.None);
        var other = await choices.ChooseAsync(ChoosingModerator, "C1", "stargate-dispute", CancellationToken.None);
        var chosen = await choices.StoryOfAsync("slack", "C1", CancellationToken.None);
        var cleared = await choices.ChooseAsync(ChoosingModerator, "C1", null, CancellationToken.None);
        var clearedAgain = await choices.ChooseAsync(ChoosingModerator, "C1", null, CancellationToken.None);

        Assert.Equal([ChangeOutcome.Unchanged, ChangeOutcome.Changed, ChangeOutcome.Changed, ChangeOutcome.Unchanged], [again, other, cleared, clearedAgain]);
        Assert.Equal("stargate-dispute", chosen);
        Assert.Null(await choices.StoryOfAsync("slack", "C1", CancellationToken.None));
    }

    [StorageFact]
    public async Task AnotherInstancesChoiceIsReadOnceTheChoicesKeptAreNoLongerFresh()
    {
        var reader = Start().Get<IChannelStoryChoices>();
        Assert.Null(await reader.StoryOfAsync("slack", "C1", CancellationToken.None));

        await Start().Get<ChannelStoryChoices>().ChooseAsync(ChoosingModerator, "C1", "harbour-story", CancellationToken.None);
        var stillKept = await reader.StoryOfAsync("slack", "C1", CancellationToken.None);
        Time.Advance(ChannelStoryChoices.Freshness);

        Assert.Null(stillKept);
        Assert.Equal("harbour-story", await reader.StoryOfAsync("slack", "C1", CancellationToken.None));
    }

    [StorageFact]
    public async Task OnlyAModeratorSetsAChannelsStoryAndOnlyToAStoryServed()
    {
        var bot = Start();
        var story = StoryBot.Testing.TestStoryProfile.Create().Id;

        var refused = await bot.SendAsync(StateHarness.Reader($"/moderate story {story}"));
        var unknown = await bot.SendAsync(StateHarness.Moderator("/moderate story no-such-story"));
        var direct = await bot.SendAsync(StateHarness.Moderator($"/moderate story {story}") with { ChannelKind = ChannelKind.Direct });
        var set = await bot.SendAsync(StateHarness.Moderator($"/moderate story {story}"));
        var shown = await bot.SendAsync(StateHarness.Moderator("/moderate story"));

        Assert.Equal([ReplyKind.Error, ReplyKind.Error, ReplyKind.Error, ReplyKind.Moderation], new[] { refused, unknown, direct, set }.Select(r => r.Kind));
        Assert.Contains("no-such-story", unknown.Text, StringComparison.Ordinal);
        Assert.Contains($"answered from the story {story}", set.Text, StringComparison.Ordinal);
        Assert.Contains($"Stories served: {story}", shown.Text, StringComparison.Ordinal);
        var choice = Assert.Single(await bot.Get<ChannelStoryChoices>().ListAsync(CancellationToken.None));
        Assert.Equal(("discord", "channel-1", story), (choice.Platform, choice.ChannelId, choice.Story));
    }

    [StorageFact]
    public async Task MigratingADatabaseOfTheReleaseBeforeKeepsItsDataAndAddsTheChannelStories()
    {
        var before = Backend.OpenWith([new MigrationsBefore(112)]);
        await before.WriteAsync(
            session => session.ExecuteAsync(
                "INSERT INTO disabled_citations (target_kind, target_id, platform, disabled_by, reason, disabled_at) VALUES ('excerpt', 'a-1', 'slack', 'mod-1', 'old', 1)"),
            CancellationToken.None);

        var upgraded = Backend.Open();
        await upgraded.MigrateAsync(CancellationToken.None);

        Assert.Equal(1, await CountAsync(upgraded, "disabled_citations"));
        Assert.Equal(0, await CountAsync(upgraded, "channel_stories"));
        Assert.Equal(ModerationVersions.Length, await CountAsync(upgraded, "schema_version"));
    }
}
