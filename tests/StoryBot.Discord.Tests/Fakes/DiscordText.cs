using System.Text.RegularExpressions;

namespace StoryBot.Discord.Tests.Fakes;

/// <summary>What a Discord client shows for the markdown the bot sends.</summary>
internal static partial class DiscordText
{
    /// <summary>Discord markdown back to the text it shows.</summary>
    public static string Unescape(string markdown) => Escaped().Replace(markdown, "$1");

    [GeneratedRegex(@"\\([^\w\s])")]
    private static partial Regex Escaped();
}
