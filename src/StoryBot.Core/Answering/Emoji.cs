using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace StoryBot.Core.Answering;

/// <summary>Emoji in every form a chat message carries them: <c>:codes:</c>, emoticons and pictographs.</summary>
internal static partial class Emoji
{
    private const int ZeroWidthJoiner = 0x200D;
    private const int CombiningKeycap = 0x20E3;
    private const int TextPresentation = 0xFE0E;
    private const int EmojiPresentation = 0xFE0F;

    /// <summary>
    /// Below the arrows block, "other symbols" read as text (©, ®, °, №, ™); from there on they are
    /// dingbats, pictographs and emoji.
    /// </summary>
    private const int FirstPictographicSymbol = 0x2190;

    public static string Without(string text)
    {
        text = EmojiCodePattern().Replace(text, " ");
        text = EmoticonPattern().Replace(text, " ");
        return WithoutPictographs(text);
    }

    /// <summary>
    /// Drops emoji and pictographs with their joiners, variation selectors, skin tones, tags and keycaps.
    /// Letters (ä, ß), currency signs ($, €) and text symbols below the arrows block (°, ©) stay.
    /// </summary>
    private static string WithoutPictographs(string text)
    {
        if (Ascii.IsValid(text))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            _ = Rune.DecodeFromUtf16(rest, out var rune, out var consumed);
            var drop = IsPictographic(rune) || (IsKeycapBase(rune) && StartsKeycap(rest[consumed..]));
            if (drop)
            {
                clean.Append(' ');
            }
            else
            {
                clean.Append(rest[..consumed]);
            }

            rest = rest[consumed..];
        }

        return clean.ToString();
    }

    private static bool IsPictographic(Rune rune) => rune.Value switch
    {
        ZeroWidthJoiner or CombiningKeycap or TextPresentation or EmojiPresentation => true,
        >= 0x1F3FB and <= 0x1F3FF => true, // skin tone modifiers
        >= 0xE0020 and <= 0xE007F => true, // tags of subdivision flags
        >= FirstPictographicSymbol => Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherSymbol,
        _ => false,
    };

    private static bool IsKeycapBase(Rune rune) => rune.Value is (>= '0' and <= '9') or '#' or '*';

    private static bool StartsKeycap(ReadOnlySpan<char> rest) =>
        rest.StartsWith("\u20E3") || rest.StartsWith("\uFE0F\u20E3");

    /// <summary>:fire: :+1: :thinking_face: but not 10:30, 3:1 or 10:30:15.</summary>
    [GeneratedRegex(@"(?<!\w):[a-z0-9_+\-]+:(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex EmojiCodePattern();

    /// <summary>:) ;-) :D :P standing alone.</summary>
    [GeneratedRegex(@"(?<!\S)[:;]-?[()DPp](?!\S)", RegexOptions.CultureInvariant)]
    private static partial Regex EmoticonPattern();
}
