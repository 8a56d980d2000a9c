using System.Text.Json;

namespace StoryBot.Slack.Inbound;

/// <summary>A button press on one of the bot's messages (<c>block_actions</c> payload).</summary>
/// <param name="TriggerId">Lets the bot open a view in answer, within 3 seconds of the press.</param>
internal sealed record BlockAction(string ActionId, string UserId, string ChannelId, string MessageTs, string? ThreadTs, Uri? ResponseUrl, string? TriggerId)
    : SlackInteraction(UserId)
{
    public static new BlockAction? FromPayload(JsonElement payload)
    {
        if (payload.GetStringOrNull("type") != "block_actions"
            || !payload.TryGetProperty("actions", out var actions)
            || actions.ValueKind != JsonValueKind.Array
            || actions.GetArrayLength() == 0)
        {
            return null;
        }

        var container = payload.GetObjectOrDefault("container");
        var message = payload.GetObjectOrDefault("message");
        var user = payload.GetObjectOrDefault("user").GetStringOrNull("id");
        var channel = payload.GetObjectOrDefault("channel").GetStringOrNull("id") ?? container.GetStringOrNull("channel_id");
        var ts = container.GetStringOrNull("message_ts") ?? message.GetStringOrNull("ts");
        var actionId = actions[0].GetStringOrNull("action_id");
        if (user is null || channel is null || ts is null || actionId is null)
        {
            return null;
        }

        return new BlockAction(
            actionId,
            user,
            channel,
            ts,
            container.GetStringOrNull("thread_ts") ?? message.GetStringOrNull("thread_ts"),
            SlashCommand.ParseResponseUrl(payload.GetStringOrEmpty("response_url")),
            payload.GetStringOrNull("trigger_id"));
    }
}
