using StoryBot.Discord.Rendering;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Posting;

/// <summary>Creates and edits channel messages (the pages of a rendered reply).</summary>
internal sealed class DiscordMessageSender(DiscordRestClient rest)
{
    /// <summary>Sends the pages in order; the first answers <paramref name="replyTo"/> when given. Returns the first message's id.</summary>
    public async Task<string?> SendAsync(string channelId, IReadOnlyList<DiscordMessage> pages, MessageReference? replyTo, CancellationToken cancellationToken)
    {
        string? firstId = null;
        for (var i = 0; i < pages.Count; i++)
        {
            var page = i == 0 && replyTo is not null ? pages[i] with { MessageReference = replyTo } : pages[i];
            var created = await rest.SendAsync(HttpMethod.Post, $"channels/{channelId}/messages", page, cancellationToken);
            firstId ??= created?.String("id");
        }

        return firstId;
    }

    public Task EditAsync(string channelId, string messageId, DiscordMessage message, CancellationToken cancellationToken) =>
        rest.SendAsync(HttpMethod.Patch, $"channels/{channelId}/messages/{messageId}", message, cancellationToken);
}
