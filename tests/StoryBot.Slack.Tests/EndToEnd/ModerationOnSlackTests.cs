using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Slack.Tests.Fakes;
using StoryBot.State;

namespace StoryBot.Slack.Tests.EndToEnd;

/// <summary>
/// Moderation through Slack with the real chat bot and durable state (SQLite): refusals, reports
/// from the button, and corrections that reach Slack as <c>chat.update</c> of the right message.
/// </summary>
public sealed class ModerationOnSlackTests : StatefulSlackHostTest
{
    private protected override void Configure(Dictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["Moderation:CorrectionPollInterval"] = "00:00:01";
        settings["Moderation:CorrectionRetryDelay"] = "00:00:01";
    }

    private async Task<string> CommandAsync(string command, string text, string user)
    {
        using var response = await Host.PostSignedAsync("/slack/commands", SlackPayloads.SlashCommandForm(command, text, Slack.ResponseUrl("mod"), user: user));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static string Reply(string ackBody)
    {
        using var json = JsonDocument.Parse(ackBody);
        Assert.Equal("ephemeral", json.RootElement.GetProperty("response_type").GetString());
        return PostedBlocks.AllText(json.RootElement);
    }

    [Fact]
    public async Task NonModeratorIsRefusedTheAttemptAuditedAndTheAnswerStillCitesTheExcerpt()
    {
        await CommandAsync("/who-is", "altman", SlackPayloads.User);
        var answer = await Slack.NextCallAsync("chat.postMessage");
        var excerpt = PostedBlocks.CitationIds(answer.Body)[0];

        var refusal = Reply(await CommandAsync("/sources", $"disable {excerpt} not allowed", SlackPayloads.User));
        await CommandAsync("/who-is", "altman", SlackPayloads.User);
        var again = await Slack.NextCallAsync("chat.postMessage");

        var audit = Reply(await CommandAsync("/sources", "audit", SlackTestHost.ModeratorId));

        Assert.Contains("moderator", refusal, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(excerpt, PostedBlocks.CitationIds(again.Body));
        Assert.Contains("refused", audit, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(SlackPayloads.User, audit, StringComparison.Ordinal);
        Assert.Equal(0, Slack.Count("chat.update"));
    }

    [Fact]
    public async Task ModeratorDisablingAnExcerptCorrectsThePostedAnswerWithChatUpdate()
    {
        await CommandAsync("/who-is", "altman", SlackPayloads.User);
        var answer = await Slack.NextCallAsync("chat.postMessage");
        var excerpt = PostedBlocks.CitationIds(answer.Body)[0];

        Reply(await CommandAsync("/sources", $"disable {excerpt} misquoted", SlackTestHost.ModeratorId));
        var update = await Slack.NextCallAsync("chat.update");

        Assert.Equal(SlackPayloads.Channel, update.Str("channel"));
        Assert.Equal(answer.IssuedTs, update.Str("ts"));
        Assert.Contains("Withdrawn by a moderator", PostedBlocks.AllText(update.Body), StringComparison.Ordinal);
        Assert.Contains("Correction", PostedBlocks.AllText(update.Body), StringComparison.Ordinal);
        await CommandAsync("/who-is", "altman", SlackPayloads.User);
        var next = await Slack.NextCallAsync("chat.postMessage");
        var cited = PostedBlocks.CitationIds(next.Body);
        Assert.False(
            cited.Contains(excerpt),
            $"the answer after the withdrawal of {excerpt} cites it: {string.Join(", ", cited)} (ts {next.IssuedTs}; the first answer, ts {answer.IssuedTs}, "
            + $"cited {string.Join(", ", PostedBlocks.CitationIds(answer.Body))}; {Slack.Count("chat.postMessage")} posts and {Slack.Count("chat.update")} updates so far)");
    }

    [Fact]
    public async Task AReportAndItsReasonLandInTheModeratorsQueue()
    {
        await CommandAsync("/funding", string.Empty, SlackPayloads.User);
        var answer = await Slack.NextCallAsync("chat.postMessage");
        var ts = answer.IssuedTs!;
        await Host.Recorder.NextAsync();

        var press = "payload=" + Uri.EscapeDataString(SlackPayloads.BlockActions(ts, Slack.ResponseUrl("report")));
        using var pressed = await Host.PostSignedAsync("/slack/interactivity", press);
        var open = await Slack.NextCallAsync("views.open");
        var metadata = open.Body.GetProperty("view").GetProperty("private_metadata").GetString();
        var submission = "payload=" + Uri.EscapeDataString(SlackPayloads.ViewSubmission(metadata, "only Musk says so"));
        using var submitted = await Host.PostSignedAsync("/slack/interactivity", submission);
        var confirmation = await Slack.NextCallAsync("chat.postEphemeral");
        var reports = Reply(await CommandAsync("/sources", "reports", SlackTestHost.ModeratorId));

        Assert.Equal(SlackPayloads.User, confirmation.Str("user"));
        Assert.Contains("/funding", reports, StringComparison.Ordinal);
        Assert.Contains("only Musk says so", reports, StringComparison.Ordinal);
    }
}
