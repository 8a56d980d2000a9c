using System.Globalization;
using System.Text;
using StoryBot.Core.Answering;
using StoryBot.Core.Telemetry;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Platforms;

namespace StoryBot.Discord.Rendering;

/// <summary>
/// Renders a platform-neutral <see cref="Reply"/> as Discord messages: the answer as embed
/// description(s), then one embed per citation (quote, paragraph, English rendering, source in
/// the footer), packed into as many messages as Discord's limits need. A citation is never split
/// across messages unless it alone exceeds one.
/// </summary>
internal static class ReplyRenderer
{
    public const string ReportButtonId = "storybot:report";

    // Room left in a description for the quote marker and a continuation label.
    private const int QuotePieceLength = DiscordLimits.EmbedDescription - 200;

    /// <summary>The messages to send, in order. The first carries the Report button on answers.</summary>
    public static IReadOnlyList<DiscordMessage> Render(Reply reply)
    {
        using var render = StoryBotTelemetry.Start(StoryBotTelemetry.Spans.Render);
        var pages = Pack(Groups(reply, out _));
        render?.SetTag(StoryBotTelemetry.Tags.Pages, pages.Count);
        var messages = new List<DiscordMessage>(pages.Count);
        for (var i = 0; i < pages.Count; i++)
        {
            messages.Add(new DiscordMessage
            {
                Embeds = pages[i],
                Components = i == 0 && reply.Kind == ReplyKind.Answer ? [new ActionRow([new Button(ReportLabel(reply.Language), ReportButtonId)])] : null,
            });
        }

        return messages;
    }

    /// <summary>One message for edits (corrections): the first page, which holds the recorded message.</summary>
    public static DiscordMessage RenderSingle(Reply reply) => Render(reply)[0];

    /// <summary>The index of the first citation that does not stand whole in the reply's first message.</summary>
    public static int FirstCitationAfterFirstMessage(Reply reply)
    {
        var groups = Groups(reply, out var bodyGroups);
        var onFirstPage = Pack(groups)[0].Count;
        var whole = 0;
        for (var embeds = 0; whole < groups.Count && embeds + groups[whole].Count <= onFirstPage; whole++)
        {
            embeds += groups[whole].Count;
        }

        return Math.Max(0, whole - bodyGroups);
    }

    public static string RenderBody(IReadOnlyList<TextRun> body)
    {
        var text = new StringBuilder();
        foreach (var run in body)
        {
            text.Append(run.Style switch
            {
                RunStyle.Strong => DiscordMarkdown.Strong(DiscordMarkdown.Escape(run.Text)),
                RunStyle.UserText => DiscordMarkdown.Inert(run.Text),
                _ => DiscordMarkdown.Escape(run.Text),
            });
        }

        return text.ToString();
    }

    private static List<Embed> RenderCitation(Citation citation, int number, Language language)
    {
        var german = language == Language.German;
        var title = string.Create(CultureInfo.InvariantCulture, $"{(german ? "Zitat" : "Quote")} {number} · {(german ? "Absatz" : "paragraph")} {citation.Paragraph}");
        if (citation.Withdrawn)
        {
            title = (german ? "Zurückgezogen: " : "Withdrawn: ") + title;
        }

        if (!string.IsNullOrWhiteSpace(citation.Attribution))
        {
            title = Truncate($"{title} — {DiscordMarkdown.Escape(citation.Attribution)}", DiscordLimits.EmbedTitle);
        }

        var blocks = new List<string>();
        foreach (var piece in TextSplitter.Split(DiscordMarkdown.Escape(citation.Quote), QuotePieceLength))
        {
            blocks.Add(DiscordMarkdown.BlockQuote(citation.Withdrawn ? DiscordMarkdown.Strike(piece) : piece));
        }

        if (citation.Withdrawn)
        {
            blocks.Add(german
                ? "*Ein Moderator hat diesen Auszug zurückgezogen; er gilt nicht mehr als Beleg.*"
                : "*A moderator withdrew this excerpt; it no longer supports the answer.*");
        }

        blocks.Add($"*{(german ? "Englisch" : "English")}:* {DiscordMarkdown.Escape(citation.Translation)}");

        var descriptions = Join(blocks, DiscordLimits.EmbedDescription);
        var footer = Truncate($"{(german ? "Quelle" : "Source")}: {citation.Source} · ¶ {citation.Paragraph} · {citation.Id}", DiscordLimits.Footer);
        var embeds = new List<Embed>(descriptions.Count);
        for (var i = 0; i < descriptions.Count; i++)
        {
            embeds.Add(new Embed
            {
                Title = i == 0 ? title : Truncate($"{title} ({(german ? "Forts." : "cont.")})", DiscordLimits.EmbedTitle),
                Description = descriptions[i],
                Color = citation.Withdrawn ? 0x99AAB5 : 0x4F545C,
                Footer = i == descriptions.Count - 1 ? new EmbedFooter(footer) : null,
            });
        }

        return embeds;
    }

    /// <summary>Joins blocks with blank lines into as few descriptions as fit, never splitting a block.</summary>
    private static List<string> Join(List<string> blocks, int maxLength)
    {
        var descriptions = new List<string>();
        var current = new StringBuilder();
        foreach (var block in blocks.SelectMany(b => b.Length > maxLength ? TextSplitter.Split(b, maxLength) : [b]))
        {
            if (current.Length > 0 && current.Length + 2 + block.Length > maxLength)
            {
                descriptions.Add(current.ToString());
                current.Clear();
            }

            if (current.Length > 0)
            {
                current.Append("\n\n");
            }

            current.Append(block);
        }

        descriptions.Add(current.ToString());
        return descriptions;
    }

    /// <summary>Packs embed groups into messages within 10 embeds and 6,000 characters each.</summary>
    /// <summary>The embeds that must stay together: each piece of the answer, then each citation.</summary>
    private static List<IReadOnlyList<Embed>> Groups(Reply reply, out int bodyGroups)
    {
        var groups = new List<IReadOnlyList<Embed>>();
        foreach (var piece in TextSplitter.Split(RenderBody(reply.Body), DiscordLimits.EmbedDescription))
        {
            groups.Add([new Embed { Description = piece.Length == 0 ? "\u200B" : piece, Color = ColorOf(reply.Kind) }]);
        }

        bodyGroups = groups.Count;
        for (var i = 0; i < reply.Citations.Count; i++)
        {
            groups.Add(RenderCitation(reply.Citations[i], i + 1, reply.Language));
        }

        return groups;
    }

    private static List<List<Embed>> Pack(List<IReadOnlyList<Embed>> groups)
    {
        var pages = new List<List<Embed>> { new() };
        var length = 0;
        foreach (var group in groups)
        {
            var groupLength = group.Sum(e => e.Length);
            var page = pages[^1];
            var fits = page.Count + group.Count <= DiscordLimits.EmbedsPerMessage && length + groupLength <= DiscordLimits.EmbedCharactersPerMessage;
            if (!fits && page.Count > 0)
            {
                pages.Add(page = new List<Embed>());
                length = 0;
            }

            foreach (var embed in group)
            {
                // Only a group larger than a whole message is split, between its embeds.
                if (page.Count > 0 && (page.Count == DiscordLimits.EmbedsPerMessage || length + embed.Length > DiscordLimits.EmbedCharactersPerMessage))
                {
                    pages.Add(page = new List<Embed>());
                    length = 0;
                }

                page.Add(embed);
                length += embed.Length;
            }
        }

        return pages;
    }

    private static int ColorOf(ReplyKind kind) => kind switch
    {
        ReplyKind.Answer => 0x5865F2,
        ReplyKind.Abstention => 0x99AAB5,
        ReplyKind.Error => 0xED4245,
        ReplyKind.Notice => 0xFEE75C,
        ReplyKind.Moderation => 0xEB459E,
        _ => 0x57F287,
    };

    private static string ReportLabel(Language language) => language == Language.German ? "Melden" : "Report";

    private static string Truncate(string text, int max) => TextElements.Shorten(text, max);
}
