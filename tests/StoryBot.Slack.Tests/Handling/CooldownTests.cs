using StoryBot.Slack.Tests.Fakes;

namespace StoryBot.Slack.Tests.Handling;

public sealed class CooldownTests : SlackHostTest
{
    private protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Cooldown:MaxQuestions"] = "1";
        settings["Cooldown:Window"] = "00:10:00";
    }

    [Fact]
    public async Task OverTheLimitGetsOnePoliteEphemeralNoticeThenSilenceAndTheBotIsNotAsked()
    {
        string Form(string text) => SlackPayloads.SlashCommandForm("/ask", text, Slack.ResponseUrl("cd"));

        using var first = await Host.PostSignedAsync("/slack/commands", Form("one"));
        await Slack.NextCallAsync("chat.postMessage");
        using var second = await Host.PostSignedAsync("/slack/commands", Form("two"));
        var notice = await second.Content.ReadAsStringAsync();
        using var third = await Host.PostSignedAsync("/slack/commands", Form("three"));
        var silence = await third.Content.ReadAsStringAsync();

        Assert.Contains("\"response_type\":\"ephemeral\"", notice, StringComparison.Ordinal);
        Assert.Contains("wait a few seconds", notice, StringComparison.Ordinal);
        Assert.Equal(string.Empty, silence);
        Assert.Equal(1, Host.Bot.Calls);
    }
}
