using System.Globalization;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Posting;

/// <summary>Why a post to Discord failed, as the posting-failures counter tags it: few values, none of them a token or an id.</summary>
internal static class DiscordPostFailure
{
    /// <returns>Discord's JSON error code, else the HTTP status, else what kind of failure; null for a cancellation, which is no failure of Discord's.</returns>
    public static string? ReasonOf(Exception exception) => exception switch
    {
        OperationCanceledException => null,
        DiscordRestException { DiscordCode: { } code } => code.ToString(CultureInfo.InvariantCulture),
        DiscordRestException { Status: { } status } => ((int)status).ToString(CultureInfo.InvariantCulture),
        DiscordRestException or HttpRequestException => "unreachable",
        _ => exception.GetType().Name,
    };
}
