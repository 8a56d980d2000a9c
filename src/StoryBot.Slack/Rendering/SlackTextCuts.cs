using StoryBot.Core.Platforms;

namespace StoryBot.Slack.Rendering;

/// <summary>
/// Fits escaped mrkdwn into Slack's text limits: split into sections or shortened, at a line break
/// or a space where possible and never inside an escape such as <c>&amp;amp;</c>.
/// </summary>
internal static class SlackTextCuts
{
    /// <summary>
    /// Splits text for sections of at most <paramref name="max"/> characters. Nothing is dropped,
    /// and a quote split in two stays a quote on both sides.
    /// </summary>
    public static IEnumerable<string> SplitForSection(string text, int max = SlackMessageRenderer.MaxSectionText)
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
                rest = ">" + rest;
            }
        }

        if (rest.Length > 0)
        {
            yield return rest;
        }
    }

    /// <summary>Shortens escaped text to <paramref name="max"/> characters, ending in an ellipsis.</summary>
    public static string Truncate(string text, int max) =>
        text.Length <= max ? text : text[..OutsideEntity(text, TextElements.CutAtOrBefore(text, max - 1))].TrimEnd() + "…";

    /// <summary>Moves a cut at <paramref name="cut"/> back to before an escape (<c>&amp;amp;</c>) it would split.</summary>
    private static int OutsideEntity(string text, int cut)
    {
        var entity = text.LastIndexOf('&', cut - 1, Math.Min(cut, 5));
        return entity >= 0 && text.IndexOf(';', entity) >= cut ? entity : cut;
    }
}
