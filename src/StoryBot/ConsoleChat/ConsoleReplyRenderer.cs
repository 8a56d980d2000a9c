using System.Globalization;
using System.Text;
using StoryBot.Core.Answering;

namespace StoryBot.ConsoleChat;

/// <summary>Lays a reply out for a terminal: the answer, then each quote with where it stands and its rendering.</summary>
internal static class ConsoleReplyRenderer
{
    /// <summary>The evidence behind an answer, one line per candidate excerpt, for <c>ask --explain</c>.</summary>
    public static string Render(AnswerExplanation explanation)
    {
        var text = new StringBuilder();
        if (explanation.FollowUp is { } followUp)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"follow-up: {Inert(followUp)}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"explain: \"{Inert(explanation.Cleaned)}\" ({explanation.Intent}): {explanation.Decision}");
        foreach (var c in explanation.Candidates)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {c.ExcerptId,-32} coverage {c.Coverage:0.000}  lexical {c.Lexical:0.000}  semantic {c.Semantic:0.000}  fused {c.Fused:0.000}");
            if (c.Unmatched.Count > 0)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {string.Empty,-32} lacks: {Inert(string.Join(", ", c.Unmatched))}");
            }
        }

        if (explanation.Unknown.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  words the pack does not know: {Inert(string.Join(", ", explanation.Unknown))}");
        }

        return text.ToString();
    }

    public static string Render(Reply reply)
    {
        var text = new StringBuilder();
        foreach (var run in reply.Body)
        {
            text.Append(run.Style == RunStyle.UserText ? Inert(run.Text) : run.Text);
        }

        text.AppendLine();
        for (var i = 0; i < reply.Citations.Count; i++)
        {
            var citation = reply.Citations[i];
            var where = $"{citation.Source}, ¶{citation.Paragraph}, {citation.Id}";
            if (citation.Attribution is { } attribution)
            {
                where += ", " + attribution;
            }

            var withdrawn = citation.Withdrawn ? " [withdrawn]" : string.Empty;
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  [{i + 1}] {citation.Quote}{withdrawn}").AppendLine();
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"      ({where})").AppendLine();
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"      EN: {citation.Translation}").AppendLine();
        }

        return text.ToString();
    }

    /// <summary>A terminal has no mentions, but escape sequences could still repaint it.</summary>
    private static string Inert(string text) => text.Replace('\u001b', '␛');
}
