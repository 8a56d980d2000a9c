using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core.Knowledge;
using StoryBot.Slack.Tests.Fakes;
using StoryBot.Slack.WebApi;

namespace StoryBot.Slack.Tests.Handling;

/// <summary>Every kind of Slack request tells the chat bot the language the asker chose in Slack.</summary>
public sealed class UserLocaleTests : SlackHostTest
{
    private const string GermanUser = "U0GERMAN01";

    // The longest budget, and the Web API client warmed up: a cold first call on a busy machine
    // may take longer than the default budget, and these tests are about what a timely locale does.
    private protected override void Configure(Dictionary<string, string?> settings) => settings["Slack:UserLocaleBudget"] = "00:00:01";

    private protected override async Task StartedAsync()
    {
        Slack.UserLocales[GermanUser] = "de-DE";
        await Host.App.Services.GetRequiredService<SlackApiClient>().UserLocaleAsync("U0WARMUP01", CancellationToken.None);
    }

    [Fact]
    public async Task ASlashCommandCarriesTheAskersLanguage()
    {
        using var response = await Host.PostSignedAsync("/slack/commands", SlackPayloads.SlashCommandForm("/funding", string.Empty, Slack.ResponseUrl("h1"), user: GermanUser));

        var request = await Host.Bot.NextRequestAsync();

        Assert.Equal(Language.German, request.PreferredLanguage);
    }

    [Fact]
    public async Task AMentionCarriesTheAskersLanguage()
    {
        using var response = await Host.PostSignedAsync(
            "/slack/events", SlackPayloads.EventCallback("Ev0LOCALE1", SlackPayloads.AppMention($"<@{FakeSlack.BotUserId}> Texas?", user: GermanUser)), "application/json");

        var request = await Host.Bot.NextRequestAsync();

        Assert.Equal(Language.German, request.PreferredLanguage);
        Assert.Equal("Texas?", request.Text);
    }

    [Fact]
    public async Task AnEnglishSpeakerIsToldApartFromAGermanOne()
    {
        using var response = await Host.PostSignedAsync(
            "/slack/events", SlackPayloads.EventCallback("Ev0LOCALE2", SlackPayloads.DirectMessage("Texas?")), "application/json");

        var request = await Host.Bot.NextRequestAsync();

        Assert.Equal(Language.English, request.PreferredLanguage);
    }

    [Fact]
    public async Task WithoutUsersReadTheQuestionIsStillAnsweredWithoutALanguage()
    {
        Slack.Script("users.info", FakeResponse.Error("missing_scope"));

        using var response = await Host.PostSignedAsync(
            "/slack/events", SlackPayloads.EventCallback("Ev0LOCALE3", SlackPayloads.DirectMessage("Texas?", user: GermanUser)), "application/json");

        var request = await Host.Bot.NextRequestAsync();
        await Slack.NextCallAsync("chat.postMessage");

        Assert.Null(request.PreferredLanguage);
    }
}
