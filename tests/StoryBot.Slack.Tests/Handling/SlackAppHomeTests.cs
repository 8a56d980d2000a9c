using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.Slack.Tests.Fakes;
using StoryBot.State.Moderation;
using StoryBot.State.Summaries;

namespace StoryBot.Slack.Tests.Handling;

/// <summary>
/// The app's Home tab through the real chat bot and durable state: what a user sees when opening
/// it, and how it follows a reload of the pack and a new report.
/// </summary>
public sealed class SlackAppHomeTests : StatefulSlackHostTest
{
    private const string GermanUser = "U0GERMAN01";

    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
    private readonly SwappablePack _pack = new();

    private static StoryProfile Story => SwappablePack.RepositoryPack.Story;

    private protected override void Configure(Dictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["Answering:Mode"] = "Lexical";
    }

    private protected override void ConfigureFeatures(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSummaries(configuration, schedule: false);
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IKnowledgeProvider>(_pack);
        services.AddSingleton<IKnowledgePackChanges>(_pack);
    }

    private protected override Task StartedAsync()
    {
        Slack.UserLocales[GermanUser] = "de-DE";
        return Task.CompletedTask;
    }

    private async Task<string> OpenHomeAsync(string user, string eventId, string tab = "home")
    {
        using var response = await Host.PostSignedAsync("/slack/events", SlackPayloads.EventCallback(eventId, SlackPayloads.AppHomeOpened(user, tab)), "application/json");
        return await PublishedAsync(user);
    }

    private async Task<string> PublishedAsync(string user)
    {
        var publish = await Slack.NextCallAsync("views.publish");
        Assert.Equal(user, publish.Str("user_id"));
        Assert.Equal("home", publish.Body.GetProperty("view").GetProperty("type").GetString());
        return PostedBlocks.AllText(publish.Body.GetProperty("view"));
    }

    [Fact]
    public async Task OpeningTheHomeTabShowsTheStoryItsSummaryWithCitationsAndTheCommands()
    {
        var home = await OpenHomeAsync(SlackPayloads.User, "Ev0HOME0001");

        Assert.Contains(Story.Title.In(Language.English), home, StringComparison.Ordinal);
        Assert.Contains("Story summary", home, StringComparison.Ordinal);
        Assert.Contains("/who-is", home, StringComparison.Ordinal);
        Assert.Contains("/summary", home, StringComparison.Ordinal);
        var cited = System.Text.RegularExpressions.Regex.Matches(home, "`([a-z0-9-]+)`").Select(match => match.Groups[1].Value).ToList();
        Assert.NotEmpty(cited);
        Assert.All(cited, id => Assert.True(SwappablePack.RepositoryPack.TryGetExcerpt(id, out _), id));
    }

    [Fact]
    public async Task AModeratorSeesTheOpenReportsAndAReaderDoesNot()
    {
        await FileReportAsync();

        var moderator = await OpenHomeAsync(SlackTestHost.ModeratorId, "Ev0HOME0002");
        var reader = await OpenHomeAsync(SlackPayloads.User, "Ev0HOME0003");

        Assert.Contains("Open reports: 1", moderator, StringComparison.Ordinal);
        Assert.DoesNotContain("Open reports", reader, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGermanSpeakerGetsTheHomeTabInGerman()
    {
        var home = await OpenHomeAsync(GermanUser, "Ev0HOME0004");

        Assert.Contains(Story.Title.In(Language.German), home, StringComparison.Ordinal);
        Assert.Contains("Zusammenfassung der Geschichte", home, StringComparison.Ordinal);
        Assert.Contains("Befehle", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpeningTheMessagesTabPublishesNothing()
    {
        using var response = await Host.PostSignedAsync(
            "/slack/events", SlackPayloads.EventCallback("Ev0HOME0005", SlackPayloads.AppHomeOpened(tab: "messages")), "application/json");
        await OpenHomeAsync(SlackTestHost.ModeratorId, "Ev0HOME0006");

        Assert.Equal(1, Slack.Count("views.publish"));
    }

    [Fact]
    public async Task AReloadedPackIsPublishedAgainToARecentViewer()
    {
        await OpenHomeAsync(SlackPayloads.User, "Ev0HOME0007");

        _pack.Retitle("A retitled story", "Eine umbenannte Geschichte");
        string again;
        await using (new ClockPump(_time, TimeSpan.FromMilliseconds(500)))
        {
            again = await PublishedAsync(SlackPayloads.User);
        }

        Assert.Contains("A retitled story", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewReportIsPublishedAgainToAModeratorWhoViewedTheTab()
    {
        await OpenHomeAsync(SlackTestHost.ModeratorId, "Ev0HOME0008");

        await FileReportAsync();
        string again;
        await using (new ClockPump(_time, TimeSpan.FromMilliseconds(500)))
        {
            again = await PublishedAsync(SlackTestHost.ModeratorId);
        }

        Assert.Contains("Open reports: 1", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReportFiledByAnotherInstanceReachesTheModeratorsTabAtTheNextCount()
    {
        await OpenHomeAsync(SlackTestHost.ModeratorId, "Ev0HOME0009");

        // Another instance on the same store: its reports raise no event in this one.
        var elsewhere = ActivatorUtilities.CreateInstance<ReaderReports>(Host.App.Services);
        await FileReportAsync(elsewhere);
        string again;
        await using (new ClockPump(_time, TimeSpan.FromSeconds(1)))
        {
            again = await PublishedAsync(SlackTestHost.ModeratorId);
        }

        Assert.Contains("Open reports: 1", again, StringComparison.Ordinal);
    }

    /// <summary>A reader asks /funding and reports the answer posted.</summary>
    private async Task FileReportAsync(ReaderReports? reports = null)
    {
        using var response = await Host.PostSignedAsync("/slack/commands", SlackPayloads.SlashCommandForm("/funding", string.Empty, Slack.ResponseUrl("home")));
        var posted = await Slack.NextCallAsync("chat.postMessage");
        await Host.Recorder.NextAsync();
        var answers = Host.App.Services.GetRequiredService<AnswerLog>();
        var answer = await answers.FindByMessageAsync("slack", SlackPayloads.Channel, posted.IssuedTs!, CancellationToken.None);
        await (reports ?? Host.App.Services.GetRequiredService<ReaderReports>()).FileAsync(new Actor("slack", SlackPayloads.User), answer!, "wrong figure", CancellationToken.None);
    }
}
