using StoryBot.Slack.Tests.Fakes;

namespace StoryBot.Slack.Tests.Handling;

public sealed class CooldownTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;
    private SlackTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        var settings = SlackTestHost.Settings(_slack, socketMode: false, httpMode: true);
        settings["Cooldown:MaxQuestions"] = "1";
        settings["Cooldown:Window"] = "00:10:00";
        _host = await SlackTestHost.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task OverTheLimitGetsOnePoliteEphemeralNoticeThenSilenceAndTheBotIsNotAsked()
    {
        string Form(string text) => SlackPayloads.SlashCommandForm("/ask", text, _slack.ResponseUrl("cd"));

        using var first = await _host.PostSignedAsync("/slack/commands", Form("one"));
        await _slack.NextCallAsync("chat.postMessage");
        using var second = await _host.PostSignedAsync("/slack/commands", Form("two"));
        var notice = await second.Content.ReadAsStringAsync();
        using var third = await _host.PostSignedAsync("/slack/commands", Form("three"));
        var silence = await third.Content.ReadAsStringAsync();

        Assert.Contains("\"response_type\":\"ephemeral\"", notice, StringComparison.Ordinal);
        Assert.Contains("wait a few seconds", notice, StringComparison.Ordinal);
        Assert.Equal(string.Empty, silence);
        Assert.Equal(1, _host.Bot.Calls);
    }
}
