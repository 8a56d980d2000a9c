using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using StoryBot.Core.Answering;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Platforms;

namespace StoryBot.Slack.Rendering;

/// <summary>
/// Renders the platform-neutral <see cref="Reply"/> as Block Kit within Slack's limits: the answer,
/// then each citation (quote, where it stands, English rendering). Every piece of user- or
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
        var german = reply.Language == Language.German;
        var blocks = new List<JsonObject>();
        var showQuestion = reply.Kind is ReplyKind.Answer or ReplyKind.Abstention && !string.IsNullOrWhiteSpace(reply.Question);
        if (showQuestion)
        {
            blocks.Add(Context(Truncate($"{(german ? "Frage" : "Question")}: {SlackText.EscapeUserText(reply.Question)}", MaxSectionText)));
        }

        foreach (var chunk in SplitForSection(RenderRuns(reply.Body)))
        {
            blocks.Add(Section(chunk));
        }

        // Keep room for the "more sources" note and the Report button.
        var limit = MaxBlocks - 1 - (offerReport ? 1 : 0);
        var shown = 0;
        foreach (var citation in reply.Citations)
        {
            var citationBlocks = CitationBlocks(citation, german);
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
            blocks.Add(Context(german
                ? $"{hidden} weitere Quelle(n) passen nicht in diese Nachricht."
                : $"{hidden} more source(s) did not fit in this message."));
        }

        if (offerReport)
        {
            blocks.Add(ReportButton(german));
        }

        return new SlackMessage(Fallback(reply), new JsonArray([.. blocks]), reply.IsPrivate);
    }

    /// <summary>Body runs as mrkdwn: plain and user text escaped, strong text bold.</summary>
    internal static string RenderRuns(IEnumerable<TextRun> runs)
    {
        var text = new StringBuilder();
        foreach (var run in runs)
        {
            switch (run.Style)
            {
                case RunStyle.Strong:
                    AppendBold(text, run.Text);
                    break;
                case RunStyle.UserText:
                    text.Append(SlackText.EscapeUserText(run.Text));
                    break;
                default:
                    text.Append(SlackText.Escape(run.Text));
                    break;
            }
        }

        return text.ToString();
    }

    private static void AppendBold(StringBuilder text, string value)
    {
        // Slack only reads *x* as bold when the asterisks hug the words, so whitespace stays outside.
        var inner = value.Trim().Replace("*", string.Empty, StringComparison.Ordinal);
        if (inner.Length == 0)
        {
            text.Append(SlackText.Escape(value));
            return;
        }

        var leading = value[..(value.Length - value.TrimStart().Length)];
        var trailing = value[value.TrimEnd().Length..];
        text.Append(leading).Append('*').Append(SlackText.Escape(inner)).Append('*').Append(trailing);
    }

    private static List<JsonObject> CitationBlocks(Citation citation, bool german)
    {
        var blocks = new List<JsonObject>();
        var quote = SlackText.Escape(citation.Quote);
        var label = citation.Withdrawn
            ? german ? "*Von der Moderation zurückgezogen:*\n" : "*Withdrawn by a moderator:*\n"
            : string.Empty;
        var quoted = QuoteLines(quote, citation.Withdrawn);
        var first = true;
        foreach (var chunk in SplitForSection(quoted, MaxSectionText - label.Length))
        {
            blocks.Add(Section(first ? label + chunk : chunk));
            first = false;
        }

        var translation = SlackText.Escape(citation.Translation);
        if (translation.Length > 0)
        {
            var rendered = citation.Withdrawn ? Strike(translation) : translation;
            foreach (var chunk in SplitForSection($"_English:_ {rendered}"))
            {
                blocks.Add(Section(chunk));
            }
        }

        var where = new StringBuilder();
        if (citation.Attribution is { Length: > 0 } attribution)
        {
            where.Append(SlackText.Escape(attribution)).Append(" · ");
        }

        where.Append(CultureInfo.InvariantCulture, $"{(german ? "Absatz" : "Paragraph")} {citation.Paragraph}")
            .Append(" · ").Append(SlackText.Escape(citation.Source))
            .Append(" · `").Append(SlackText.Escape(citation.Id)).Append('`');
        blocks.Add(Context(Truncate(where.ToString(), MaxSectionText)));
        return blocks;
    }

    /// <summary>Each line as a block quote, struck through when withdrawn.</summary>
    private static string QuoteLines(string escapedQuote, bool withdrawn)
    {
        var lines = escapedQuote.Split('\n');
        return string.Join('\n', lines.Select(line => ">" + (withdrawn && line.Trim().Length > 0 ? Strike(line) : line)));
    }

    private static string Strike(string text)
    {
        var inner = text.Trim();
        return inner.Length == 0 ? text : $"~{inner}~";
    }

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

        return Truncate(text.ToString(), MaxFallbackText);
    }

    /// <summary>
    /// Splits text for sections of at most <paramref name="max"/> characters, at a line break or a
    /// space where possible and never inside an escape such as <c>&amp;amp;</c>. Nothing is dropped.
    /// </summary>
    internal static IEnumerable<string> SplitForSection(string text, int max = MaxSectionText)
    {
        var rest = text;
        while (rest.Length > max)
        {
            var cut = rest.LastIndexOf('\n', max - 1);
            if (cut < max / 2)
            {
                cut = rest.LastIndexOf(' ', max - 1);
            }

            if (cut < max / 2)
            {
                cut = max;
            }

            // A piece must hold more than the quote mark the rest is given back, or the split never ends.
            var least = text.StartsWith('>') ? 1 : 0;
            cut = OutsideEntity(rest, TextElements.CutAtOrBefore(rest, cut)) is var whole && whole > least
                ? whole

                // The next character (a letter with thousands of combining marks) is longer than a
                // section, or an escape starts it: cut inside it.
                : TextElements.CodePointAtOrBefore(rest, cut);
            yield return rest[..cut].TrimEnd();
            rest = rest[cut..].TrimStart();
            if (rest.Length > 0 && text.StartsWith('>') && !rest.StartsWith('>'))
            {
                // A quote split in two stays a quote on both sides.
                rest = ">" + rest;
            }
        }

        if (rest.Length > 0)
        {
            yield return rest;
        }
    }

    /// <summary>Shortens escaped text to <paramref name="max"/> characters, ending in an ellipsis and never inside an escape.</summary>
    private static string Truncate(string text, int max) =>
        text.Length <= max ? text : text[..OutsideEntity(text, TextElements.CutAtOrBefore(text, max - 1))].TrimEnd() + "…";

    /// <summary>Moves a cut at <paramref name="cut"/> back to before an escape (<c>&amp;amp;</c>) it would split.</summary>
    private static int OutsideEntity(string text, int cut)
    {
        var entity = text.LastIndexOf('&', cut - 1, Math.Min(cut, 5));
        return entity >= 0 && text.IndexOf(';', entity) >= cut ? entity : cut;
    }

    private static JsonObject Section(string mrkdwn) => new()
    {
        ["type"] = "section",
        ["text"] = Mrkdwn(mrkdwn),
    };

    private static JsonObject Context(string mrkdwn) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(Mrkdwn(mrkdwn)),
    };

    /// <summary><c>verbatim</c> stops Slack from auto-linking names and URLs found in the text.</summary>
    private static JsonObject Mrkdwn(string text) => new()
    {
        ["type"] = "mrkdwn",
        ["text"] = text,
        ["verbatim"] = true,
    };

    private static JsonObject ReportButton(bool german) => new()
    {
        ["type"] = "actions",
        ["block_id"] = "storybot_answer_actions",
        ["elements"] = new JsonArray(new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = ReportActionId,
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = german ? "Melden" : "Report" },
            ["value"] = "report",
        }),
    };
}
