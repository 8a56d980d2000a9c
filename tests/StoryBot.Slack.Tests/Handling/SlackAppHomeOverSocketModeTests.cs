using StoryBot.Slack.Tests.Fakes;

namespace StoryBot.Slack.Tests.Handling;

/// <summary>The Home tab opened while StoryBot listens over Socket Mode: the same tab as over HTTP.</summary>
public sealed class SlackAppHomeOverSocketModeTests : SlackHostTest
{
    private FakeSocket _socket = null!;

    protected override bool SocketMode => true;

    protected override bool HttpMode => false;

    private const string GermanUser = "U0GERMAN02";

    // No time at all for the locale: whatever the tab shows in German, it waited for.
    private protected override void Configure(Dictionary<string, string?> settings) => settings["Slack:UserLocaleBudget"] = "00:00:00";

    private protected override async Task StartedAsync()
    {
        Slack.UserLocales[GermanUser] = "de-DE";
        _socket = await Slack.NextSocketAsync();
    }

    [Fact]
    public async Task OpeningTheHomeTabOverSocketModeAcknowledgesAndPublishesIt()
    {
        await _socket.SendAsync(SlackPayloads.EventsEnvelope("env-home", "Ev0HOMESM1", SlackPayloads.AppHomeOpened()));

        await _socket.AckOfAsync("env-home");
        var publish = await Slack.NextCallAsync("views.publish");

        Assert.Equal(SlackPayloads.User, publish.Str("user_id"));
        var view = PostedBlocks.AllText(publish.Body.GetProperty("view"));
        Assert.Contains(SwappablePack.RepositoryPack.Story.Title.In(Core.Knowledge.Language.English), view, StringComparison.Ordinal);
        Assert.Contains("Commands", view, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHomeTabWaitsForTheUsersLanguageBeyondTheAnswersBudget()
    {
        await _socket.SendAsync(SlackPayloads.EventsEnvelope("env-home-de", "Ev0HOMESM2", SlackPayloads.AppHomeOpened(GermanUser)));

        var summary = await Host.Bot.NextRequestAsync();

        Assert.Equal("/summary", summary.Text);
        Assert.Equal(Core.Knowledge.Language.German, summary.PreferredLanguage);
    }
}
