using StoryBot.Core.Knowledge;
using StoryBot.Slack.Tests.Fakes;

namespace StoryBot.Slack.Tests.Handling;

/// <summary>Every kind of Slack request tells the chat bot the language the asker chose in Slack.</summary>
public sealed class UserLocaleTests : SlackHostTest
{
    private const string GermanUser = "U0GERMAN01";

    private protected override Task StartedAsync()
    {
        Slack.UserLocales[GermanUser] = "de-DE";
        return Task.CompletedTask;
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
