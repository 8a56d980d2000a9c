using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using StoryBot.Core;

namespace StoryBot.Hosting;

/// <summary>
/// <c>Logging:Format</c>: <c>simple</c> (the default, one readable line per entry) or <c>json</c>
/// (one JSON object per line with the request's scopes, for a log collector).
/// </summary>
internal static class ConsoleLogFormat
{
    public const string Key = "Logging:Format";

    public static void Add(ILoggingBuilder logging, IConfiguration configuration)
    {
        switch (configuration[Key]?.Trim().ToLowerInvariant())
        {
            case null or "" or "simple":
                logging.AddSimpleConsole(o => o.SingleLine = true);
                break;
            case "json":
                logging.AddJsonConsole(o =>
                {
                    o.IncludeScopes = true;
                    o.UseUtcTimestamp = true;
                    o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                    o.JsonWriterOptions = new JsonWriterOptions { Indented = false };
                });
                break;
            default:
                throw new StartupProblemException($"{Key} must be 'simple' or 'json', not '{configuration[Key]}'.");
        }
    }
}
