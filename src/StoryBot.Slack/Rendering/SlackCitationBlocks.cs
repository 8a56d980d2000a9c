using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using StoryBot.Core.Answering;

namespace StoryBot.Slack.Rendering;

/// <summary>
/// One citation as blocks: the quote (struck through and labelled when a moderator withdrew it),
/// its English rendering, and where it stands.
/// </summary>
internal static class SlackCitationBlocks
{
    public static List<JsonObject> For(Citation citation, bool german)
    {
        var blocks = new List<JsonObject>();
        var quote = SlackText.Escape(citation.Quote);
        var label = citation.Withdrawn
            ? german ? "*Von der Moderation zurückgezogen:*\n" : "*Withdrawn by a moderator:*\n"
            : string.Empty;
        var quoted = SlackMrkdwn.QuoteLines(quote, citation.Withdrawn);
        var first = true;
        foreach (var chunk in SlackTextCuts.SplitForSection(quoted, SlackMessageRenderer.MaxSectionText - label.Length))
        {
            blocks.Add(SlackBlocks.Section(first ? label + chunk : chunk));
            first = false;
        }

        var translation = SlackText.Escape(citation.Translation);
        if (translation.Length > 0)
        {
            var rendered = citation.Withdrawn ? SlackMrkdwn.Strike(translation) : translation;
            foreach (var chunk in SlackTextCuts.SplitForSection($"_English:_ {rendered}"))
            {
                blocks.Add(SlackBlocks.Section(chunk));
            }
        }

        blocks.Add(SlackBlocks.Context(SlackTextCuts.Truncate(Where(citation, german), SlackMessageRenderer.MaxSectionText)));
        return blocks;
    }

    private static string Where(Citation citation, bool german)
    {
        var where = new StringBuilder();
        if (citation.Attribution is { Length: > 0 } attribution)
        {
            where.Append(SlackText.Escape(attribution)).Append(" · ");
        }

        where.Append(CultureInfo.InvariantCulture, $"{(german ? "Absatz" : "Paragraph")} {citation.Paragraph}")
            .Append(" · ").Append(SlackText.Escape(citation.Source))
            .Append(" · `").Append(SlackText.Escape(citation.Id)).Append('`');
        return where.ToString();
    }
}
