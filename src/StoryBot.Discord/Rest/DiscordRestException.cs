using System.Net;

namespace StoryBot.Discord.Rest;

/// <summary>A Discord REST call that failed for good. Messages carry the redacted route, never a token.</summary>
public class DiscordRestException : Exception
{
    public DiscordRestException()
    {
    }

    public DiscordRestException(string message)
        : base(message)
    {
    }

    public DiscordRestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DiscordRestException(string message, HttpStatusCode? status, int? discordCode, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        DiscordCode = discordCode;
    }

    public HttpStatusCode? Status { get; }

    /// <summary>Discord's JSON error code (10062 unknown interaction, 40060 already acknowledged...).</summary>
    public int? DiscordCode { get; }
}
