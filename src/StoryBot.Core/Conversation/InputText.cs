using System.Text;

namespace StoryBot.Core.Conversation;

/// <summary>Cleans what a user typed before anything reads it.</summary>
internal static class InputText
{
    /// <summary>Longer input is refused with a message, not truncated behind the user's back.</summary>
    public const int MaxLength = 1000;

    /// <summary>Drops control and format characters, folds runs of white space, trims.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var clean = new StringBuilder(text.Length);
        var space = false;
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsWhiteSpace(rune) || category is System.Globalization.UnicodeCategory.Control)
            {
                space = clean.Length > 0;
                continue;
            }

            if (category is System.Globalization.UnicodeCategory.Format && rune.Value != 0x200D)
            {
                continue;
            }

            if (space)
            {
                clean.Append(' ');
                space = false;
            }

            clean.Append(rune.ToString());
        }

        return clean.ToString();
    }
}
