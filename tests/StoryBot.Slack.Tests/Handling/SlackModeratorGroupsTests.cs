using Microsoft.Extensions.DependencyInjection;
using StoryBot.Slack.Handling;
using StoryBot.Slack.Tests.Fakes;
using StoryBot.Testing.Slack;

namespace StoryBot.Slack.Tests.Handling;

/// <summary>Moderators by Slack user group: members read with usergroups.users.list against the fake Web API, on a fake clock.</summary>
public sealed class SlackModeratorGroupsTests : SlackServicesTest
{
    private const string Group = "S0614TZR7";
    private const string Member = "U0MEMBER01";
    private const string Other = "U0OTHER001";

    private SlackModerators Moderators => Services.GetRequiredService<SlackModerators>();

    private SlackModeratorGroups Groups => Services.GetRequiredService<SlackModeratorGroups>();

    private protected override void Configure(Dictionary<string, string?> settings) =>
        settings["Slack:ModeratorUserGroupIds:0"] = Group;

    private protected override void Started() => Slack.UserGroups[Group] = [Member];

    [Fact]
    public async Task AMemberOfAModeratorGroupModeratesAndOthersDoNot()
    {
        await Groups.RefreshAsync(CancellationToken.None);

        var call = await Slack.NextCallAsync("usergroups.users.list");
        Assert.Equal(Group, call.Str("usergroup"));
        Assert.Equal("Bearer " + SlackTestHost.BotToken, call.Authorization);
        Assert.True(Moderators.IsModerator(Member));
        Assert.False(Moderators.IsModerator(Other));
    }

    [Fact]
    public void NobodyModeratesByGroupBeforeTheGroupIsRead() =>
        Assert.False(Moderators.IsModerator(Member));

    [Fact]
    public async Task RightsFollowTheGroupFromTheNextRefreshOn()
    {
        using var refresh = ActivatorUtilities.CreateInstance<SlackModeratorGroupRefresh>(Services);
        await refresh.StartAsync(CancellationToken.None);
        await Slack.NextCallAsync("usergroups.users.list");
        await Eventually(() => Moderators.IsModerator(Member));

        Slack.UserGroups[Group] = [Other];

        // The loop may not be waiting on the clock yet when the first read has landed: move the
        // clock on until the next read has happened, rather than once and perhaps too early.
        await Eventually(() =>
        {
            if (!Moderators.IsModerator(Other))
            {
                Time.Advance(TimeSpan.FromMinutes(5));
            }

            return Moderators.IsModerator(Other);
        });
        await refresh.StopAsync(CancellationToken.None);

        Assert.False(Moderators.IsModerator(Member));
    }

    [Fact]
    public async Task AGroupThatCannotBeReadKeepsTheMembersLastReadAndSaysWhy()
    {
        await Groups.RefreshAsync(CancellationToken.None);
        Slack.Script("usergroups.users.list", FakeResponse.Error("missing_scope"));

        await Groups.RefreshAsync(CancellationToken.None);

        Assert.True(Moderators.IsModerator(Member));
        Assert.Contains(Logs.Lines, line => line.Message.Contains(Group, StringComparison.Ordinal) && line.Message.Contains("missing_scope", StringComparison.Ordinal));
    }

    private static async Task Eventually(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Wait.Generous);
        while (!condition())
        {
            await Task.Yield();
            timeout.Token.ThrowIfCancellationRequested();
        }
    }
}
