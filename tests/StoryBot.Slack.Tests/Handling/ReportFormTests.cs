using System.Net;
using StoryBot.Slack.Tests.Fakes;

namespace StoryBot.Slack.Tests.Handling;

/// <summary>The Report button opens a form asking for an optional reason; its submission is the report.</summary>
public sealed class ReportFormTests : SlackHostTest
{
    private const string AnswerTs = "1700000002.000300";
    private const string ThreadTs = "1700000001.000100";

    // A cold first users.info on a busy machine may take longer than the default budget.
    private protected override void Configure(Dictionary<string, string?> settings) => settings["Slack:UserLocaleBudget"] = "00:00:01";

    private Task<HttpResponseMessage> InteractAsync(string payload) =>
        Host.PostSignedAsync("/slack/interactivity", "payload=" + Uri.EscapeDataString(payload));

    /// <summary>Presses Report under an answer in a thread and returns the form Slack was asked to open.</summary>
    private async Task<FakeCall> PressReportAsync(string user = SlackPayloads.User)
    {
        var press = SlackPayloads.BlockActions(AnswerTs, Slack.ResponseUrl("report"), user: user).Replace(
            $"\"message_ts\":\"{AnswerTs}\",", $"\"message_ts\":\"{AnswerTs}\",\"thread_ts\":\"{ThreadTs}\",", StringComparison.Ordinal);
        using var response = await InteractAsync(press);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Slack.NextCallAsync("views.open");
    }

    private static string? MetadataOf(FakeCall open) => open.Body.GetProperty("view").GetProperty("private_metadata").GetString();

    [Fact]
    public async Task ReportButtonOpensAFormWithAnOptionalReasonAndReportsNothingYet()
    {
        var open = await PressReportAsync();

        var view = open.Body.GetProperty("view");
        Assert.False(string.IsNullOrEmpty(open.Str("trigger_id")));
        Assert.Equal("modal", view.GetProperty("type").GetString());
        Assert.Equal("storybot_report", view.GetProperty("callback_id").GetString());
        Assert.Equal("Report answer", view.GetProperty("title").GetProperty("text").GetString());
        var input = view.GetProperty("blocks")[0];
        Assert.Equal("input", input.GetProperty("type").GetString());
        Assert.True(input.GetProperty("optional").GetBoolean());
        Assert.Equal("plain_text_input", input.GetProperty("element").GetProperty("type").GetString());
        Assert.Equal(500, input.GetProperty("element").GetProperty("max_length").GetInt32());
        Assert.Equal(0, Host.Bot.Calls);
    }

    [Fact]
    public async Task TheFormIsInTheLanguageTheReaderChoseInSlack()
    {
        Slack.UserLocales["U0GERMAN01"] = "de-DE";

        var open = await PressReportAsync(user: "U0GERMAN01");

        var view = open.Body.GetProperty("view");
        Assert.Equal("Antwort melden", view.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("Melden", view.GetProperty("submit").GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("the figure is Musk's claim, not a fact", "/report the figure is Musk's claim, not a fact")]
    [InlineData(null, "/report")]
    public async Task TheSubmittedFormReportsThatAnswerWithItsReasonAndConfirmsPrivately(string? reason, string expected)
    {
        var open = await PressReportAsync(user: SlackTestHost.ModeratorId);

        using var submitted = await InteractAsync(SlackPayloads.ViewSubmission(MetadataOf(open), reason, user: SlackTestHost.ModeratorId));
        var request = await Host.Bot.NextRequestAsync();
        var confirmation = await Slack.NextCallAsync("chat.postEphemeral");

        // An empty 200 closes the form.
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal(string.Empty, await submitted.Content.ReadAsStringAsync());
        Assert.Equal(expected, request.Text);
        Assert.Equal(AnswerTs, request.ReferencedMessageId);
        Assert.Equal(SlackPayloads.Channel, request.ChannelId);
        Assert.True(request.IsModerator);
        Assert.Equal(SlackTestHost.ModeratorId, confirmation.Str("user"));
        Assert.Equal(SlackPayloads.Channel, confirmation.Str("channel"));
        Assert.Equal(ThreadTs, confirmation.Str("thread_ts"));
    }

    [Fact]
    public async Task AFormThatCannotOpenStillReportsTheAnswerWithoutAReason()
    {
        Slack.Script("views.open", FakeResponse.Error("expired_trigger_id"));

        await PressReportAsync();
        var request = await Host.Bot.NextRequestAsync();
        var notice = await Slack.NextCallAsync("response_url");

        Assert.Equal("/report", request.Text);
        Assert.Equal(AnswerTs, request.ReferencedMessageId);
        Assert.Equal("ephemeral", notice.Str("response_type"));
    }

    [Fact]
    public async Task AnotherAppsFormOrAFormWithoutItsAnswerReportsNothing()
    {
        using var other = await InteractAsync(SlackPayloads.ViewSubmission("""{"channel_id":"C1","message_ts":"1.2"}""", "x", callbackId: "somebody_elses"));
        using var tampered = await InteractAsync(SlackPayloads.ViewSubmission("not json", "x"));
        using var sentinel = await InteractAsync(SlackPayloads.MessageShortcut("who is altman", "1581106229.001000", Slack.ResponseUrl("s")));

        var request = await Host.Bot.NextRequestAsync();

        Assert.Equal("/ask who is altman", request.Text);
        Assert.Equal(1, Host.Bot.Calls);
    }
}
