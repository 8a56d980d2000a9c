using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Posting;

/// <summary>
/// The web address that opens a message the bot posted: <c>https://discord.com/channels/{server}/{channel}/{message}</c>.
/// A created message does not say its server, so each channel's is asked of Discord once
/// (<c>GET /channels/{id}</c>) and kept: a channel never moves to another server.
/// </summary>
internal sealed partial class DiscordMessageLinks(DiscordRestClient rest, ILogger<DiscordMessageLinks> logger)
{
    private const string DirectMessages = "@me";

    private readonly ConcurrentDictionary<string, string> _servers = new(StringComparer.Ordinal);

    /// <summary>The message's link; null when its channel could not be read (the message is posted all the same).</summary>
    public async Task<string?> ForAsync(string channelId, string messageId, CancellationToken cancellationToken)
    {
        if (!_servers.TryGetValue(channelId, out var server))
        {
            try
            {
                if (await rest.GetAsync($"channels/{channelId}", cancellationToken) is not { } channel)
                {
                    return null;
                }

                // A direct message channel has no server: its links go through "@me".
                server = _servers.GetOrAdd(channelId, channel.String("guild_id") ?? DirectMessages);
            }
            catch (Exception exception) when (exception is DiscordRestException or HttpRequestException or TimeoutException)
            {
                LogChannelUnreadable(exception, channelId);
                return null;
            }
        }

        return $"https://discord.com/channels/{server}/{channelId}/{messageId}";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read Discord channel {ChannelId} for the link of a posted message; it is recorded without one")]
    private partial void LogChannelUnreadable(Exception exception, string channelId);
}
