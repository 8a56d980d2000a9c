using System.Text.Json.Nodes;

namespace StoryBot.Slack.Rendering;

/// <summary>A rendered message: Block Kit blocks plus the plain-text fallback Slack requires.</summary>
/// <param name="Text">Fallback for notifications and clients without blocks (already escaped).</param>
/// <param name="Blocks">Block Kit blocks.</param>
/// <param name="Ephemeral">Only the asker should see it.</param>
internal sealed record SlackMessage(string Text, JsonArray Blocks, bool Ephemeral)
{
    /// <summary>A fresh payload each call (a JSON node can only sit in one document).</summary>
    public JsonObject ToPayload() => new()
    {
        ["text"] = Text,
        ["blocks"] = Blocks.DeepClone(),
        // Never let Slack turn names into mentions or unfurl links found in quotes or questions.
        ["parse"] = "none",
        ["link_names"] = false,
        ["unfurl_links"] = false,
        ["unfurl_media"] = false,
    };

    /// <summary>The body of a slash-command acknowledgement or response_url post.</summary>
    public JsonObject ToResponsePayload()
    {
        var payload = ToPayload();
        payload["response_type"] = Ephemeral ? "ephemeral" : "in_channel";
        return payload;
    }
}
