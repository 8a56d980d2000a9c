using System.Globalization;

namespace StoryBot.Core.Platforms;

/// <summary>
/// Cuts text where a reader sees a boundary: never inside a surrogate pair, an emoji with its
/// modifiers, or a letter and its combining marks, so a shortened question never shows U+FFFD.
/// </summary>
public static class TextElements
{
    /// <summary>The largest text-element boundary at or before <paramref name="index"/>.</summary>
    public static int BoundaryAtOrBefore(string text, int index)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (index >= text.Length)
        {
            return text.Length;
        }

        if (index <= 0)
        {
            return 0;
        }

        var boundary = 0;
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext() && enumerator.ElementIndex <= index)
        {
            boundary = enumerator.ElementIndex;
        }

        return boundary;
    }

    /// <summary>
    /// Where to cut text that must get shorter: <see cref="BoundaryAtOrBefore"/>, or, when a single
    /// element is longer than <paramref name="index"/> (a letter with thousands of combining marks),
    /// the last character boundary, so that a positive index never gives an empty piece.
    /// </summary>
    public static int CutAtOrBefore(string text, int index)
    {
        var boundary = BoundaryAtOrBefore(text, index);
        if (boundary > 0 || index <= 0 || index >= text.Length)
        {
            return boundary;
        }

        return CodePointAtOrBefore(text, index);
    }

    /// <summary>
    /// The largest code-point boundary at or before <paramref name="index"/>: for cutting inside one
    /// text element too long to keep whole, without leaving half a surrogate pair.
    /// </summary>
    public static int CodePointAtOrBefore(string text, int index)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (index <= 0 || index >= text.Length)
        {
            return Math.Clamp(index, 0, text.Length);
        }

        return char.IsLowSurrogate(text[index]) && char.IsHighSurrogate(text[index - 1]) ? index - 1 : index;
    }

    /// <summary>
    /// <paramref name="text"/> when it fits in <paramref name="max"/> characters; otherwise its
    /// longest whole-element start that fits with <paramref name="ellipsis"/> after it.
    /// </summary>
    public static string Shorten(string text, int max, string ellipsis = "…")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(ellipsis);
        if (text.Length <= max)
        {
            return text;
        }

        return text[..BoundaryAtOrBefore(text, Math.Max(0, max - ellipsis.Length))].TrimEnd() + ellipsis;
    }
}
