using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Conversation;
using StoryBot.Discord.Posting;
using StoryBot.Discord.Rendering;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Messages;

/// <summary>
/// Answers messages that mention the bot, direct messages, and every message in the ask
/// channels, as a reply to the message. Other bots and the bot itself are ignored. A message the
/// bot will answer is kept in the work journal as soon as it arrives, so a crash loses none and a
/// message Discord delivers twice is answered once.
/// </summary>
/// <remarks>More than five constructor parameters on purpose: options (ask channels) and the logger are settings; the six collaborators are the path of a message: who the bot is, the journal, the pipeline, the channel's turn, sending, recording.</remarks>
internal sealed partial class MessageHandler(
    BotIdentity identity,
    DiscordWork work,
    ConversationPipeline pipeline,
    DiscordDelivery delivery,
    DiscordMessageSender sender,
    AnswerRecording recording,
    IOptionsMonitor<DiscordOptions> options,
    ILogger<MessageHandler> logger)
{
    /// <summary>Keeps a message the bot answers (see <see cref="Read"/>) in the journal.</summary>
    /// <returns>The message to answer, or null when it was taken in before.</returns>
    public async Task<IncomingMessage?> AcceptAsync(IncomingMessage incoming, CancellationToken cancellationToken)
    {
        WorkTicket? ticket;
        try
        {
            ticket = await work.TryAcceptAsync(DiscordWork.Message, incoming.MessageId, JsonSerializer.Serialize(incoming, DiscordJson.Options), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The state store is out of reach: answering goes on, this message unjournaled.
            LogJournalFailed(exception, incoming.MessageId);
            return incoming;
        }

        if (ticket is null)
        {
            LogSeenBefore(incoming.MessageId);
            return null;
        }

        return incoming with { Ticket = ticket };
    }

    /// <summary>
    /// Answers an accepted message: the answer is worked out at once, and posted in the channel's
    /// turn (see <see cref="DiscordDelivery"/>).
    /// </summary>
    public async Task AnswerAsync(IncomingMessage incoming, CancellationToken cancellationToken)
    {
        var request = incoming.Request;
        var reply = await pipeline.AskAsync(request, mustAnswer: false, cancellationToken);
        if (reply is null)
        {
            logger.LogDebug("Ignored a message from {UserId} over the cooldown", request.UserId);
            await incoming.Ticket.CompleteAsync(cancellationToken);
            return;
        }

        var pages = ReplyRenderer.Render(reply);
        delivery.EnqueueInTurn(request.ChannelId, pages.Count, "answer to a message", token => PostAndRecordAsync(incoming, reply, pages, token));
    }

    /// <summary>
    /// Posts and records the answer with the channel's turn taken. When an earlier run had started
    /// posting it, the channel is searched for it first, so it is recorded rather than posted twice.
    /// </summary>
    private async Task PostAndRecordAsync(IncomingMessage incoming, Reply reply, IReadOnlyList<DiscordMessage> pages, CancellationToken cancellationToken)
    {
        var request = incoming.Request;
        var posted = incoming.Ticket.MayBePosted ? await sender.FindReplyAsync(request.ChannelId, incoming.MessageId, identity.UserId, cancellationToken) : null;
        if (posted is null)
        {
            await incoming.Ticket.PostingAsync(cancellationToken);
            var replyTo = new MessageReference(incoming.MessageId, request.ChannelId, incoming.GuildId);
            posted = await sender.SendAsync(request.ChannelId, pages, replyTo, incoming.Ticket.Work?.Key, cancellationToken, turnTaken: true);
        }

        await recording.RecordAsync(request.ChannelId, posted, request, reply, cancellationToken);
        await incoming.Ticket.CompleteAsync(cancellationToken);
    }

    /// <summary>The message of a MESSAGE_CREATE when the bot answers it; null when it is not for the bot.</summary>
    public IncomingMessage? Read(JsonElement message)
    {
        var author = message.Child("author");
        var authorId = author?.String("id");
        var channelId = message.String("channel_id");
        var messageId = message.String("id");
        var botId = identity.UserId;
        if (authorId is null || channelId is null || messageId is null || author!.Value.Bool("bot") || authorId == botId
            || message.Int("type") is not (0 or 19))
        {
            return null;
        }

        var guildId = message.String("guild_id");
        var mentioned = botId is not null && message.Child("mentions") is { ValueKind: JsonValueKind.Array } mentions
            && mentions.EnumerateArray().Any(m => m.String("id") == botId);
        if (guildId is not null && !mentioned && !options.CurrentValue.AskChannelIds.Contains(channelId))
        {
            return null;
        }

        var text = StripMention(message.String("content") ?? string.Empty, botId);
        if (text.Length == 0)
        {
            // A bare mention or an empty DM asks what the bot can do; an empty message in an
            // ask channel is an attachment, or content withheld for want of the intent.
            if (guildId is not null && !mentioned)
            {
                return null;
            }

            text = "/help";
        }

        // A message carries no proof of rights: moderator commands need the signed interaction.
        // A reply to one of the bot's answers refers to it ("/report" in a reply reports it).
        var request = new ChatRequest(DiscordPlatform.Name, channelId, authorId, text)
        {
            ChannelKind = guildId is null ? ChannelKind.Direct : ChannelKind.Channel,

            // A person's questions in one channel, thread or direct message: follow-ups lean on the ones before.
            ConversationId = authorId,
            ReferencedMessageId = message.Child("referenced_message")?.Child("author")?.String("id") == botId
                ? message.Child("message_reference")?.String("message_id")
                : null,
        };
        return new IncomingMessage(messageId, guildId, request);
    }

    internal static string StripMention(string content, string? botId)
    {
        var text = botId is null ? content : content.Replace($"<@{botId}>", " ", StringComparison.Ordinal).Replace($"<@!{botId}>", " ", StringComparison.Ordinal);
        return Spaces().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex Spaces();

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not keep Discord message {MessageId} in the work journal; answering it without")]
    private partial void LogJournalFailed(Exception exception, string messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord message {MessageId} was taken in before; not answered again")]
    private partial void LogSeenBefore(string messageId);
}
