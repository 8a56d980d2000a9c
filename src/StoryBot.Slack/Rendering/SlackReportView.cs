using System.Text.Json;
using System.Text.Json.Nodes;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;

namespace StoryBot.Slack.Rendering;

/// <summary>
/// The form (a modal view) the Report button opens: one optional text field for the reason. The
/// answer it reports travels in the view's <c>private_metadata</c>, so its submission needs
/// nothing kept in between.
/// </summary>
internal static class SlackReportView
{
    public const string CallbackId = "storybot_report";
    public const string ReasonBlockId = "reason";
    public const string ReasonActionId = "reason";

    /// <summary>The view for <c>views.open</c>, in <paramref name="language"/>.</summary>
    public static JsonObject Build(ReportedAnswer answer, Language language) => new()
    {
        ["type"] = "modal",
        ["callback_id"] = CallbackId,
        ["private_metadata"] = JsonSerializer.Serialize(answer, MetadataJson),
        ["title"] = PlainText(ReportPrompt.Title.In(language)),
        ["submit"] = PlainText(ReportPrompt.Submit.In(language)),
        ["close"] = PlainText(ReportPrompt.Cancel.In(language)),
        ["blocks"] = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "input",
                ["block_id"] = ReasonBlockId,
                ["optional"] = true,
                ["label"] = PlainText(ReportPrompt.ReasonLabel.In(language)),
                ["element"] = new JsonObject
                {
                    ["type"] = "plain_text_input",
                    ["action_id"] = ReasonActionId,
                    ["multiline"] = true,
                    ["max_length"] = ReportPrompt.MaxReasonLength,
                    ["placeholder"] = PlainText(ReportPrompt.ReasonPlaceholder.In(language)),
                },
            },
        },
    };

    /// <summary>The answer a submitted view reports, read back from its <c>private_metadata</c>; null when it is not one of ours.</summary>
    public static ReportedAnswer? AnswerOf(string? privateMetadata)
    {
        if (string.IsNullOrEmpty(privateMetadata))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ReportedAnswer>(privateMetadata, MetadataJson) is { ChannelId.Length: > 0, MessageTs.Length: > 0 } answer ? answer : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static readonly JsonSerializerOptions MetadataJson = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };
}

/// <summary>The answer a report is about: where it was posted.</summary>
internal sealed record ReportedAnswer(string ChannelId, string MessageTs, string? ThreadTs);
