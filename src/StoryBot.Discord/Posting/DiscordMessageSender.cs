using StoryBot.Discord.Rendering;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Posting;

/// <summary>Creates and edits channel messages (the pages of a rendered reply).</summary>
internal sealed class DiscordMessageSender(DiscordRestClient rest)
{
    /// <summary>
    /// Sends the pages in order; the first answers <paramref name="replyTo"/> when given. Returns the
    /// first message's id. Each page carries an enforced nonce, so a retried page is created once;
    /// with <paramref name="idempotencyKey"/> the nonces follow from the key, so a send repeated
    /// within minutes (after a restart) is created once too.
    /// </summary>
    public async Task<string?> SendAsync(
        string channelId, IReadOnlyList<DiscordMessage> pages, MessageReference? replyTo, string? idempotencyKey, CancellationToken cancellationToken)
    {
        string? firstId = null;
        for (var i = 0; i < pages.Count; i++)
        {
            var page = pages[i] with
            {
                MessageReference = i == 0 && replyTo is not null ? replyTo : pages[i].MessageReference,
                Nonce = MessageNonce.For(idempotencyKey, i),
                EnforceNonce = true,
            };
            var created = await rest.SendAsync(HttpMethod.Post, $"channels/{channelId}/messages", page, cancellationToken);
            firstId ??= created?.String("id");
        }

        return firstId;
    }

    public Task EditAsync(string channelId, string messageId, DiscordMessage message, CancellationToken cancellationToken) =>
        rest.SendAsync(HttpMethod.Patch, $"channels/{channelId}/messages/{messageId}", message, cancellationToken);
}
