using System.Text;

namespace StoryBot.Core.Conversation;

/// <summary>Cleans what a user typed before anything reads it.</summary>
internal static class InputText
{
    /// <summary>Longer input is refused with a message, not truncated behind the user's back.</summary>
    public const int MaxLength = 1000;

    /// <summary>
    /// Drops control and format characters, folds runs of white space to one space, or to one line
    /// break where the run holds one (a quoted line in chat is recognised by its line), trims.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var clean = new StringBuilder(text.Length);
        var space = false;
        var lineBreak = false;
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsWhiteSpace(rune) || category is System.Globalization.UnicodeCategory.Control)
            {
                space = clean.Length > 0;
                lineBreak |= space && rune.Value == '\n';
                continue;
            }

            if (category is System.Globalization.UnicodeCategory.Format && rune.Value != 0x200D)
            {
                continue;
            }

            if (space)
            {
                clean.Append(lineBreak ? '\n' : ' ');
                space = lineBreak = false;
            }

            clean.Append(rune.ToString());
        }

        return clean.ToString();
    }
}
