using System.Globalization;

namespace StoryBot.Discord.Configuration;

/// <summary>Discord's permission bits that StoryBot reads; the API writes the set as a decimal string.</summary>
internal static class DiscordPermissions
{
    public const ulong Administrator = 1UL << 3;
    public const ulong ManageGuild = 1UL << 5;

    /// <summary>A decimal bit set as Discord writes it ("32"); no sign, no spaces, no hex.</summary>
    public static bool TryParse(string? value, out ulong permissions)
    {
        permissions = 0;
        return !string.IsNullOrEmpty(value) && value.All(char.IsAsciiDigit)
            && ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out permissions);
    }
}
