using System.Text.Json.Nodes;

namespace StoryBot.Slack.Rendering;

/// <summary>The Block Kit blocks a reply is made of. Text given here is mrkdwn already escaped.</summary>
internal static class SlackBlocks
{
    public static JsonObject Section(string mrkdwn) => new()
    {
        ["type"] = "section",
        ["text"] = Mrkdwn(mrkdwn),
    };

    public static JsonObject Context(string mrkdwn) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(Mrkdwn(mrkdwn)),
    };

    public static JsonObject ReportButton(bool german) => new()
    {
        ["type"] = "actions",
        ["block_id"] = "storybot_answer_actions",
        ["elements"] = new JsonArray(new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = SlackMessageRenderer.ReportActionId,
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = german ? "Melden" : "Report" },
            ["value"] = "report",
        }),
    };

    /// <summary><c>verbatim</c> stops Slack from auto-linking names and URLs found in the text.</summary>
    private static JsonObject Mrkdwn(string text) => new()
    {
        ["type"] = "mrkdwn",
        ["text"] = text,
        ["verbatim"] = true,
    };
}
