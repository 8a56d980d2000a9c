using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using StoryBot.Core.Answering;
using StoryBot.Core.Telemetry;
using StoryBot.Core.Knowledge;

namespace StoryBot.Slack.Rendering;

/// <summary>
/// Renders the platform-neutral <see cref="Reply"/> as Block Kit within Slack's limits: the answer,
/// then each citation (<see cref="SlackCitationBlocks"/>), as many as fit. Every piece of user- or
/// knowledge-derived text is escaped; only the markup added here is live.
/// </summary>
internal static class SlackMessageRenderer
{
    public const int MaxBlocks = 50;
    public const int MaxSectionText = 3000;
    public const int MaxFallbackText = 3000;
    public const string ReportActionId = "storybot_report";

    // A reply the reply cache hands out again is the same instance: rendered once per instance
    // (replies are immutable), and the table lets go of the message with the reply.
    private static readonly ConditionalWeakTable<Reply, SlackMessage> WithReport = new();
    private static readonly ConditionalWeakTable<Reply, SlackMessage> WithoutReport = new();

    /// <param name="reply">What to say.</param>
    /// <param name="offerReport">Adds the Report button (answers the bot posts in a channel).</param>
    public static SlackMessage Render(Reply reply, bool offerReport) =>
        offerReport
            ? WithReport.GetValue(reply, static reply => Rendered(RenderAnew(reply, offerReport: true)))
            : WithoutReport.GetValue(reply, static reply => Rendered(RenderAnew(reply, offerReport: false)));

    /// <summary>
    /// The blocks as read back from their JSON: a node read from JSON keeps it until it is changed,
    /// so each payload copies and writes it without walking a tree of nodes again.
    /// </summary>
    private static SlackMessage Rendered(SlackMessage message) =>
        message with { Blocks = JsonNode.Parse(message.Blocks.ToJsonString())!.AsArray() };

    /// <summary>The message built anew, block by block; <see cref="Render"/> keeps what this builds.</summary>
    internal static SlackMessage RenderAnew(Reply reply, bool offerReport)
    {
        using var render = StoryBotTelemetry.Start(StoryBotTelemetry.Spans.Render);
        var german = reply.Language == Language.German;
        var blocks = new List<JsonObject>();
        var showQuestion = reply.Kind is ReplyKind.Answer or ReplyKind.Abstention && !string.IsNullOrWhiteSpace(reply.Question);
        if (showQuestion)
        {
            blocks.Add(SlackBlocks.Context(SlackTextCuts.Truncate($"{(german ? "Frage" : "Question")}: {SlackText.EscapeUserText(reply.Question)}", MaxSectionText)));
        }

        foreach (var chunk in SlackTextCuts.SplitForSection(SlackMrkdwn.RenderRuns(reply.Body)))
        {
            blocks.Add(SlackBlocks.Section(chunk));
        }

        // Keep room for the "more sources" note and the Report button.
        var limit = MaxBlocks - 1 - (offerReport ? 1 : 0);
        var shown = 0;
        foreach (var citation in reply.Citations)
        {
            var citationBlocks = SlackCitationBlocks.For(citation, german);
            if (blocks.Count + citationBlocks.Count > limit)
            {
                break;
            }

            blocks.AddRange(citationBlocks);
            shown++;
        }

        if (shown < reply.Citations.Count)
        {
            var hidden = reply.Citations.Count - shown;
            blocks.Add(SlackBlocks.Context(german
                ? $"{hidden} weitere Quelle(n) passen nicht in diese Nachricht."
                : $"{hidden} more source(s) did not fit in this message."));
        }

        if (offerReport)
        {
            blocks.Add(SlackBlocks.ReportButton(german));
        }

        return new SlackMessage(Fallback(reply), new JsonArray([.. blocks]), reply.IsPrivate);
    }

    /// <summary>The message's plain text, which notifications show: the answer and its quotes.</summary>
    private static string Fallback(Reply reply)
    {
        var text = new StringBuilder(string.Concat(reply.Body.Select(run => run.Style == RunStyle.UserText ? SlackText.EscapeUserText(run.Text) : SlackText.Escape(run.Text))));
        foreach (var citation in reply.Citations)
        {
            text.Append("\n> ");
            if (citation.Withdrawn)
            {
                text.Append("[withdrawn] ");
            }

            text.Append(SlackText.Escape(citation.Quote))
                .Append(CultureInfo.InvariantCulture, $" (¶{citation.Paragraph})");
        }

        return SlackTextCuts.Truncate(text.ToString(), MaxFallbackText);
    }
}
