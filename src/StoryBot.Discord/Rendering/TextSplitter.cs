using StoryBot.Core.Platforms;

namespace StoryBot.Discord.Rendering;

/// <summary>Splits text into pieces of at most a given length at the cleanest boundary available.</summary>
internal static class TextSplitter
{
    private static readonly string[] Boundaries = ["\n\n", "\n", ". ", " "];

    public static IReadOnlyList<string> Split(string text, int maxLength)
    {
        var pieces = new List<string>();
        var rest = text;
        while (rest.Length > maxLength)
        {
            var cut = FindCut(rest, maxLength);
            pieces.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart('\n', ' ');
        }

        if (rest.Length > 0 || pieces.Count == 0)
        {
            pieces.Add(rest);
        }

        return pieces;
    }

    private static int FindCut(string text, int maxLength)
    {
        foreach (var boundary in Boundaries)
        {
            var at = text.LastIndexOf(boundary, maxLength - boundary.Length, StringComparison.Ordinal);

            // A boundary in the first half would leave tiny pieces; look for a finer one.
            if (at > maxLength / 2)
            {
                return at + boundary.Length;
            }
        }

        // No boundary at all: cut hard, but never inside an escape or a character.
        var cut = TextElements.CutAtOrBefore(text, maxLength);

        if (text[cut - 1] == '\\')
        {
            // Keep "\*" together; when that leaves nothing, the escaped character starts an element
            // too long for any piece, so the cut goes inside that element instead.
            cut = cut > 1 ? cut - 1 : TextElements.CodePointAtOrBefore(text, maxLength);
        }

        return cut;
    }
}
