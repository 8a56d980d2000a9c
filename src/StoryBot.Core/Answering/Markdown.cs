using System.Text.RegularExpressions;

namespace StoryBot.Core.Answering;

/// <summary>Chat markdown marks around words: code, spoiler, strike-through and emphasis.</summary>
internal static partial class Markdown
{
    /// <summary>Keeps the text inside the marks, one level per call: the cleaner repeats until nothing changes.</summary>
    public static string Without(string text)
    {
        text = CodePattern().Replace(text, "${inner}");
        text = SpoilerPattern().Replace(text, "${inner}");
        text = TildePattern().Replace(text, "${inner}");
        text = StarPattern().Replace(text, "${inner}");
        return UnderscorePattern().Replace(text, "${inner}");
    }

    [GeneratedRegex(@"`+(?<inner>[^`]+)`+", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"\|\|(?<inner>[^|\n]+)\|\|", RegexOptions.CultureInvariant)]
    private static partial Regex SpoilerPattern();

    // Emphasis needs a mark outside a word and text (not a space) right inside it: "2 * 3 * 4", a lone
    // "*" and snake_case stay as they are.
    [GeneratedRegex(@"(?<![\w~])~+(?<inner>[^~\s](?:[^~\n]*[^~\s])?)~+(?![\w~])", RegexOptions.CultureInvariant)]
    private static partial Regex TildePattern();

    [GeneratedRegex(@"(?<![\w*])\*+(?<inner>[^*\s](?:[^*\n]*[^*\s])?)\*+(?![\w*])", RegexOptions.CultureInvariant)]
    private static partial Regex StarPattern();

    [GeneratedRegex(@"(?<!\w)_+(?<inner>[^_\s](?:[^_\n]*[^_\s])?)_+(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex UnderscorePattern();
}
