using System.Text.Json;
using StoryBot.Core.Telemetry;
using StoryBot.Discord.Conversation;
using StoryBot.Discord.Rendering;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Posting;

/// <summary>Creates and edits channel messages (the pages of a rendered reply), each send or edit in a <c>post</c> span.</summary>
internal sealed class DiscordMessageSender(DiscordRestClient rest, StoryBotTelemetry telemetry)
{
    /// <summary>The most messages Discord returns at once; a reply comes soon after its question.</summary>
    private const int HistoryPage = 100;

    /// <summary>
    /// Sends the pages in order; the first answers <paramref name="replyTo"/> when given. Returns the
    /// first message's id. Each page carries an enforced nonce, so a retried page is created once;
    /// with <paramref name="idempotencyKey"/> the nonces follow from the key, so a send repeated
    /// within minutes (after a restart) is created once too.
    /// </summary>
    /// <param name="turnTaken">The channel's bucket was taken for every page beforehand (see <see cref="DiscordDelivery"/>).</param>
    public Task<string?> SendAsync(
        string channelId, IReadOnlyList<DiscordMessage> pages, MessageReference? replyTo, string? idempotencyKey, CancellationToken cancellationToken, bool turnTaken = false) =>
        telemetry.PostAsync(DiscordPlatform.Name, () => SendPagesAsync(channelId, pages, replyTo, idempotencyKey, turnTaken, cancellationToken), DiscordPostFailure.ReasonOf);

    private async Task<string?> SendPagesAsync(
        string channelId, IReadOnlyList<DiscordMessage> pages, MessageReference? replyTo, string? idempotencyKey, bool turnTaken, CancellationToken cancellationToken)
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
            var created = await rest.SendAsync(HttpMethod.Post, CreateRoute(channelId).Path, page, cancellationToken, turnTaken);
            firstId ??= created?.String("id");
        }

        return firstId;
    }

    /// <summary>The route a message is created on: its bucket is the channel's.</summary>
    public static DiscordRoute CreateRoute(string channelId) => new(HttpMethod.Post, $"channels/{channelId}/messages");

    /// <summary>
    /// The id of the bot's reply to <paramref name="messageId"/>, looked for among the channel's
    /// messages after it, or null when there is none.
    /// </summary>
    /// <param name="botUserId">The bot's user id when known; otherwise any bot's reply to the message counts.</param>
    public async Task<string?> FindReplyAsync(string channelId, string messageId, string? botUserId, CancellationToken cancellationToken)
    {
        var after = await rest.GetAsync($"channels/{channelId}/messages?after={messageId}&limit={HistoryPage}", cancellationToken);
        if (after is not { ValueKind: JsonValueKind.Array } messages)
        {
            return null;
        }

        return messages.EnumerateArray()
            .Where(m => m.Child("message_reference")?.String("message_id") == messageId
                && m.Child("author") is { } author
                && (botUserId is null ? author.Bool("bot") : author.String("id") == botUserId))
            .Select(m => m.String("id"))
            .FirstOrDefault();
    }

    /// <param name="turnTaken">The bucket of <see cref="EditRoute"/> was taken for the edit beforehand (see <see cref="DiscordDelivery"/>).</param>
    public Task EditAsync(string channelId, string messageId, DiscordMessage message, CancellationToken cancellationToken, bool turnTaken = false) =>
        telemetry.PostAsync(DiscordPlatform.Name, () => rest.SendAsync(HttpMethod.Patch, EditRoute(channelId, messageId).Path, message, cancellationToken, turnTaken), DiscordPostFailure.ReasonOf);

    /// <summary>The route a message is edited on.</summary>
    public static DiscordRoute EditRoute(string channelId, string messageId) => new(HttpMethod.Patch, $"channels/{channelId}/messages/{messageId}");
}
