using System.Text.Json;
using StoryBot.Slack.Rendering;

namespace StoryBot.Slack.Inbound;

/// <summary>A message shortcut used on a message (<c>message_action</c> payload).</summary>
/// <param name="Text">The picked message's text as the user wrote it (Slack's escaping undone).</param>
internal sealed record MessageShortcut(string CallbackId, string UserId, string ChannelId, string MessageTs, string? ThreadTs, string Text, Uri? ResponseUrl)
    : SlackInteraction(UserId)
{
    public static new MessageShortcut? FromPayload(JsonElement payload)
    {
        var message = payload.GetObjectOrDefault("message");
        var callbackId = payload.GetStringOrNull("callback_id");
        var user = payload.GetObjectOrDefault("user").GetStringOrNull("id");
        var channel = payload.GetObjectOrDefault("channel").GetStringOrNull("id");
        var ts = payload.GetStringOrNull("message_ts") ?? message.GetStringOrNull("ts");
        if (callbackId is null || user is null || channel is null || ts is null)
        {
            return null;
        }

        return new MessageShortcut(
            callbackId,
            user,
            channel,
            ts,
            message.GetStringOrNull("thread_ts"),
            SlackText.Unescape(message.GetStringOrEmpty("text")),
            SlashCommand.ParseResponseUrl(payload.GetStringOrEmpty("response_url")));
    }
}
