using System.Text.Json;

namespace StoryBot.Slack.Inbound;

/// <summary>
/// An interactivity payload the bot acts on, the same over HTTP (the <c>payload</c> form field) and
/// in a Socket Mode <c>interactive</c> envelope.
/// </summary>
internal abstract record SlackInteraction(string UserId)
{
    /// <returns>The interaction, or null for a kind the bot does not act on.</returns>
    public static SlackInteraction? FromPayload(JsonElement payload) =>
        payload.GetStringOrNull("type") switch
        {
            "block_actions" => BlockAction.FromPayload(payload),
            "message_action" => MessageShortcut.FromPayload(payload),
            "view_submission" => ViewSubmission.FromPayload(payload),
            _ => null,
        };
}
