using System.Text;
using CsCheck;
using Microsoft.AspNetCore.WebUtilities;
using StoryBot.Core.Platforms;
using StoryBot.Slack.Dispatch;
using StoryBot.Slack.Inbound;
using StoryBot.Testing.Fuzzing;

namespace StoryBot.Slack.Tests.Http;

/// <summary>
/// The HTTP endpoints' parsing, step for step: any signed body is a request, nothing (ignored) or,
/// where JSON cannot be read, a 400; nothing throws.
/// </summary>
public sealed class SlackRequestFuzzTests
{
    [Fact]
    public void AnySlashCommandFormIsACommandOrNull() =>
        JsonInputs.Bytes(SlackPayloadInputs.Form).Sample(bytes =>
        {
            var form = Encoding.UTF8.GetString(bytes);
            _ = QueryHelpers.ParseQuery(form).TryGetValue("ssl_check", out var sslCheck) && sslCheck == "1";
            if (SlashCommand.FromForm(form) is { } command)
            {
                _ = command.CommandLine;
                Assert.True(command.ResponseUrl is null || command.ResponseUrl.Scheme is "https" or "http");
            }
        }, iter: 2000);

    [Fact]
    public void AnyInteractivityFormIsAButtonPressNothingOrUnreadable() =>
        JsonInputs.Bytes(SlackPayloadInputs.Form).Sample(bytes =>
        {
            var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(bytes));
            if (form.TryGetValue("payload", out var payload) && JsonPayload.TryParse(payload.ToString(), out var root))
            {
                _ = BlockAction.FromPayload(root);
                _ = root.GetStringOrNull("trigger_id");
            }
        }, iter: 2000);

    [Fact]
    public void AnyEventsBodyIsAnEventNothingOrUnreadable() =>
        JsonInputs.Bytes(SlackPayloadInputs.Payload).Sample(bytes =>
        {
            if (!JsonPayload.TryParse(bytes, out var root))
            {
                return;
            }

            _ = root.GetStringOrEmpty("challenge");
            if (SlackEvent.FromCallback(root) is { } slackEvent)
            {
                _ = SlackWork.EventKey(slackEvent, "v0=signature");
            }
        }, iter: 2000);
}
