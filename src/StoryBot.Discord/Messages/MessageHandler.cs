using System.Text.Json;
using Microsoft.Extensions.Logging;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Discord.Conversation;
using StoryBot.Discord.Posting;
using StoryBot.Discord.Rendering;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Messages;

/// <summary>
/// Answers the messages that are for the bot (<see cref="MessageReader"/>) as a reply to the
/// message, in its channel or thread. A message the
/// bot will answer is kept in the work journal as soon as it arrives, so a crash loses none and a
/// message Discord delivers twice is answered once.
/// </summary>
/// <remarks>More than five constructor parameters on purpose: the logger aside, they are the path of a message: reading it, who the bot is, the journal, its place in its conversation, the pipeline, the channel's turn, sending, recording.</remarks>
internal sealed partial class MessageHandler(
    BotIdentity identity,
    DiscordWork work,
    ConversationPipeline pipeline,
    DiscordDelivery delivery,
    DiscordMessageSender sender,
    AnswerRecording recording,
    MessageReader reader,
    ConversationOrder order,
    ILogger<MessageHandler> logger)
{
    /// <summary>
    /// The message's place in its conversation, taken as it arrives, in the order messages arrive:
    /// its answer is worked out and posted after the ones before it (<see cref="ConversationOrder"/>).
    /// </summary>
    public ConversationPlace Enter(IncomingMessage incoming) => order.Enter(incoming.Request);

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
    /// Answers an accepted message: the answer is worked out once the message before it in its
    /// conversation has its answer, and posted in the channel's turn (see <see cref="DiscordDelivery"/>)
    /// once that message is posted. Done with <paramref name="place"/> when it returns, but for the post it hands on.
    /// </summary>
    public async Task AnswerAsync(IncomingMessage incoming, ConversationPlace place, CancellationToken cancellationToken)
    {
        using (place)
        {
            var request = incoming.Request;
            var reply = await pipeline.AskAsync(request, mustAnswer: false, place, cancellationToken);
            if (reply is null)
            {
                logger.LogDebug("Ignored a message from {UserId} over the cooldown", request.UserId);
                await incoming.Ticket.CompleteAsync(cancellationToken);
                return;
            }

            var pages = ReplyRenderer.Render(reply);
            place.PostInOrder(
                post => delivery.EnqueueInTurn(request.ChannelId, pages.Count, "answer to a message", post),
                token => PostAndRecordAsync(incoming, reply, pages, token));
        }
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

    /// <summary>The message of a MESSAGE_CREATE when the bot answers it; null when it is not for the bot (see <see cref="MessageReader"/>).</summary>
    public ValueTask<IncomingMessage?> ReadAsync(JsonElement message, CancellationToken cancellationToken) => reader.ReadAsync(message, cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not keep Discord message {MessageId} in the work journal; answering it without")]
    private partial void LogJournalFailed(Exception exception, string messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord message {MessageId} was taken in before; not answered again")]
    private partial void LogSeenBefore(string messageId);
}
