using System.Text.Json;

namespace StoryBot.Slack.Inbound;

/// <summary>A submitted modal view (<c>view_submission</c> payload): the fields as the user left them.</summary>
internal sealed record ViewSubmission(string CallbackId, string UserId, string? PrivateMetadata, JsonElement Values)
    : SlackInteraction(UserId)
{
    public static new ViewSubmission? FromPayload(JsonElement payload)
    {
        var view = payload.GetObjectOrDefault("view");
        var user = payload.GetObjectOrDefault("user").GetStringOrNull("id");
        var callbackId = view.GetStringOrNull("callback_id");
        if (user is null || callbackId is null)
        {
            return null;
        }

        return new ViewSubmission(callbackId, user, view.GetStringOrNull("private_metadata"), view.GetObjectOrDefault("state").GetObjectOrDefault("values"));
    }

    /// <summary>What was typed into a text input; null when it was left empty.</summary>
    public string? TextOf(string blockId, string actionId) =>
        Values.GetObjectOrDefault(blockId).GetObjectOrDefault(actionId).GetStringOrNull("value") is { Length: > 0 } text ? text : null;
}
