using System.Globalization;
using System.Text.Json.Nodes;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;

namespace StoryBot.Slack.Rendering;

/// <summary>
/// The app's Home tab (a <c>home</c> view for <c>views.publish</c>): the story's title and what it
/// covers, the open reports for a moderator, the summary and the commands, the last two rendered
/// as their replies are in a message.
/// </summary>
internal static class SlackHomeView
{
    /// <summary>Slack's limit on blocks in a view.</summary>
    public const int MaxBlocks = 100;

    /// <summary>Slack's limit on a header block's text.</summary>
    public const int MaxHeaderText = 150;

    public static readonly LocalizedText CommandsHeading = new("Commands", "Befehle");

    public static readonly LocalizedText OpenReports = new("Open reports", "Offene Meldungen");

    public static readonly LocalizedText OpenReportsHint = new($"`{ModeratorCommand.Line} reports` lists them.", $"`{ModeratorCommand.Line} reports` listet sie auf.");

    public static JsonObject Build(StoryOverview overview)
    {
        ArgumentNullException.ThrowIfNull(overview);
        var language = overview.Language;
        var blocks = new List<JsonNode>
        {
            Header(overview.Title),
            SlackBlocks.Section(SlackTextCuts.Truncate(SlackText.Escape(overview.Description), SlackMessageRenderer.MaxSectionText)),
        };

        if (overview.OpenReports is { } open)
        {
            blocks.Add(SlackBlocks.Section(string.Create(CultureInfo.InvariantCulture, $"*{OpenReports.In(language)}: {open}* · {OpenReportsHint.In(language)}")));
        }

        var commands = RenderedBlocks(overview.Commands);
        blocks.Add(Divider());

        // The summary gives way first: the commands and the header are what every visitor needs.
        var room = MaxBlocks - blocks.Count - 2 - commands.Count;
        blocks.AddRange(RenderedBlocks(overview.Summary).Take(room));
        blocks.Add(Divider());
        blocks.Add(Header(CommandsHeading.In(language)));
        blocks.AddRange(commands);

        return new JsonObject
        {
            ["type"] = "home",
            ["blocks"] = new JsonArray([.. blocks]),
        };
    }

    /// <summary>A reply's blocks as a message shows them, copied (a JSON node sits in one document only).</summary>
    private static List<JsonNode> RenderedBlocks(Core.Answering.Reply reply) =>
        [.. SlackMessageRenderer.Render(reply, offerReport: false).Blocks.Select(block => block!.DeepClone())];

    private static JsonObject Header(string text) => new()
    {
        ["type"] = "header",
        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = SlackTextCuts.Truncate(text, MaxHeaderText) },
    };

    private static JsonObject Divider() => new() { ["type"] = "divider" };
}
