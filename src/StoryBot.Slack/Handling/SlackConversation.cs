using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Slack.Configuration;
using StoryBot.Slack.Dispatch;
using StoryBot.Slack.Inbound;
using StoryBot.Slack.Rendering;
using StoryBot.Slack.WebApi;

namespace StoryBot.Slack.Handling;

/// <summary>
/// Turns what Slack delivered into a <see cref="ChatRequest"/>, asks <see cref="IChatBot"/>, and
/// delivers the reply: answers in the channel (posted with chat.postMessage so they can be reported
/// and corrected later), help, errors and notices only to the asker.
/// </summary>
/// <remarks>More than five constructor parameters on purpose: translates Slack's kinds of requests around the pipeline (reports to their own flow, Home tab openings to the Home tab, threads under its answers to their conversation, a conversation's messages in their order) and delivers by ack, response_url or chat.postMessage; options (ack budget), clock and logger are ambient.</remarks>
internal sealed class SlackConversation(
    ConversationPipeline pipeline,
    SlackRequests requests,
    SlackIdentity identity,
    SlackThreads threads,
    SlackApiClient api,
    SlackDelivery delivery,
    SlackReportFlow reports,
    SlackAppHome home,
    ConversationOrder order,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackConversation> logger)
{
    public const string Platform = SlackRequests.Platform;

    /// <summary>The message shortcut "Ask StoryBot" (a message's ⋮ menu), as the manifests declare it.</summary>
    public const string AskAboutMessageCallbackId = "ask_about_message";

    /// <summary>
    /// Answers a slash command. A private reply that is ready within the ack budget rides in the
    /// acknowledgement; anything later goes through response_url, and answers through chat.postMessage.
    /// </summary>
    /// <param name="ticket">The accepted request it answers: completed once the reply is delivered.</param>
    public async Task HandleCommandAsync(SlashCommand command, SlackAck ack, WorkTicket ticket, CancellationToken cancellationToken)
    {
        var request = ForCommandAsync(command, cancellationToken);

        // The asker's locale is read inside the ack budget, not before it.
        var replying = AskAsync(request, cancellationToken);
        if (!await ReplyDeadline.CompletesWithinAsync(replying, options.Value.AckBudget, time, cancellationToken))
        {
            ack.TryAcknowledge(null);
        }

        if (await replying is not { } reply)
        {
            // Over the limit and already told: nothing more to say.
            ack.TryAcknowledge(null);
            await ticket.CompleteAsync(cancellationToken);
            return;
        }

        if (reply.IsPrivate)
        {
            await RespondPrivatelyAsync(ack, command.ResponseUrl, reply, ticket, cancellationToken);
            return;
        }

        // In line before the acknowledgement goes: whoever sees the acknowledgement sees the answer queued.
        var asked = await request;
        delivery.EnqueueInTurn(command.ChannelId, "slash command answer", token => PostAnswerAsync(asked, reply, null, command.ResponseUrl, ticket, token));
        ack.TryAcknowledge(null);
    }

    /// <summary>
    /// The event's place in its conversation (<see cref="ConversationOrder"/>), taken as it arrives,
    /// before anything is awaited, in the order events arrive: a message is answered and posted
    /// after the ones before it in its thread or direct message.
    /// </summary>
    public ConversationPlace Enter(SlackEvent slackEvent) =>
        slackEvent.ChannelId is { } channel && !slackEvent.IsHomeOpened ? order.Enter(Platform, channel, ConversationOf(slackEvent)) : ConversationPlace.Alone();

    /// <summary>
    /// Answers a mention, a direct message, or a message in a thread under the bot's answer, in its
    /// thread, after the messages before it in its conversation (<paramref name="place"/>, done with
    /// when this returns, but for the post it hands on); ignores bots and itself. Publishes the Home
    /// tab its user opened.
    /// </summary>
    public async Task HandleEventAsync(SlackEvent slackEvent, ConversationPlace place, WorkTicket ticket, CancellationToken cancellationToken)
    {
        using (place)
        {
            await HandleEventInPlaceAsync(slackEvent, place, ticket, cancellationToken);
        }
    }

    private async Task HandleEventInPlaceAsync(SlackEvent slackEvent, ConversationPlace place, WorkTicket ticket, CancellationToken cancellationToken)
    {
        if (slackEvent.IsHomeOpened)
        {
            await home.OpenedAsync(slackEvent, ticket, cancellationToken);
            return;
        }

        // Whether a message is for the bot, and what of it is the question, needs the bot's user id.
        await identity.WhenKnownAsync(time, cancellationToken);
        if (!ShouldAnswer(slackEvent) || slackEvent.ChannelId is not { } channel || slackEvent.UserId is not { } user)
        {
            await ticket.CompleteAsync(cancellationToken);
            return;
        }

        var text = SlackText.Unescape(SlackText.StripBotMention(slackEvent.Text, identity.BotUserId)).Trim();
        var kind = slackEvent.IsDirectMessage ? ChannelKind.Direct : ChannelKind.Channel;
        // Answered in a thread: the one the message was written in, or one started under it, so a
        // question and its answer stay together in a channel and in a direct message alike. The
        // thread is the conversation follow-ups lean on; in a direct message, the whole of it is.
        // A thread under the bot's answer starts with that answer's conversation.
        var threadTs = slackEvent.ThreadTs ?? slackEvent.Ts;
        var request = await requests.ForAsync(channel, user, text.Length == 0 ? "/help" : text, kind, cancellationToken)
            with
            {
                ConversationId = ConversationOf(slackEvent),
                ContinuesFrom = kind == ChannelKind.Direct ? null : threads.AnswerAbove(slackEvent),
            };
        if (await pipeline.AskAsync(request, mustAnswer: false, place, cancellationToken) is not { } reply)
        {
            await ticket.CompleteAsync(cancellationToken);
            return;
        }

        if (reply.IsPrivate && slackEvent.IsMention)
        {
            place.PostInOrder(
                post => delivery.EnqueueInTurn(channel, "private reply to a mention", post),
                async token =>
                {
                    await api.PostEphemeralAsync(channel, user, SlackMessageRenderer.Render(reply, offerReport: false), threadTs, token, turnTaken: true);
                    await ticket.CompleteAsync(token);
                });
            return;
        }

        place.PostInOrder(
            post => delivery.EnqueueInTurn(channel, "answer to a message", post),
            token => PostAndRecordAsync(request, reply, threadTs, ticket, token));
    }

    /// <summary>
    /// The conversation a message belongs to, where follow-ups lean on the turns before: its thread
    /// (one started under it for a message on its own), or in a direct message the whole of it.
    /// </summary>
    private static string? ConversationOf(SlackEvent slackEvent) =>
        slackEvent.IsDirectMessage ? slackEvent.UserId : slackEvent.ThreadTs ?? slackEvent.Ts;

    /// <summary>A button press, a shortcut or a submitted form, whichever way it arrived.</summary>
    public Task HandleInteractionAsync(SlackInteraction interaction, WorkTicket ticket, CancellationToken cancellationToken) =>
        interaction switch
        {
            BlockAction { ActionId: SlackMessageRenderer.ReportActionId } action => reports.OpenFormAsync(action, ticket, cancellationToken),
            ViewSubmission { CallbackId: SlackReportView.CallbackId } submission => reports.SubmitAsync(submission, ticket, cancellationToken),
            MessageShortcut { CallbackId: AskAboutMessageCallbackId } shortcut => HandleAskAboutMessageAsync(shortcut, ticket, cancellationToken),
            _ => ticket.CompleteAsync(cancellationToken),
        };

    /// <summary>
    /// The message shortcut: the picked message's text is the question. The answer goes in the
    /// picked message's thread, so the message and the answer about it stay together.
    /// </summary>
    private async Task HandleAskAboutMessageAsync(MessageShortcut shortcut, WorkTicket ticket, CancellationToken cancellationToken)
    {
        var question = MessageQuestion.CommandLine(shortcut.Text);
        var request = await requests.ForAsync(shortcut.ChannelId, shortcut.UserId, question, SlackRequests.KindOf(shortcut.ChannelId), cancellationToken);
        if (await pipeline.AskAsync(request, mustAnswer: false, cancellationToken) is not { } reply)
        {
            await ticket.CompleteAsync(cancellationToken);
            return;
        }

        if (reply.IsPrivate)
        {
            var message = SlackMessageRenderer.Render(reply, offerReport: false) with { Ephemeral = true };
            await api.PostPrivateReplyAsync(shortcut.ChannelId, shortcut.UserId, shortcut.ThreadTs, shortcut.ResponseUrl, message, cancellationToken);
            await ticket.CompleteAsync(cancellationToken);
            return;
        }

        var threadTs = shortcut.ThreadTs ?? shortcut.MessageTs;
        delivery.EnqueueInTurn(shortcut.ChannelId, "answer about a message", token => PostAnswerAsync(request, reply, threadTs, shortcut.ResponseUrl, ticket, token));
    }

    /// <summary>A slash command leans on the asker's earlier commands in the channel.</summary>
    private async Task<ChatRequest> ForCommandAsync(SlashCommand command, CancellationToken cancellationToken) =>
        await requests.ForAsync(command.ChannelId, command.UserId, command.CommandLine, SlackRequests.KindOf(command.ChannelId), cancellationToken)
            with { ConversationId = command.UserId };

    private async Task<Reply?> AskAsync(Task<ChatRequest> request, CancellationToken cancellationToken) =>
        await pipeline.AskAsync(await request, mustAnswer: false, cancellationToken);

    /// <summary>
    /// Whether the event is for the bot at all: with <c>message.channels</c> subscribed, Slack sends
    /// every message in the channels the bot is in, and only these are worth keeping in the journal.
    /// Until the bot knows its own user id, a thread message that may be under its answer is kept
    /// too, and decided once it does.
    /// </summary>
    public bool Wants(SlackEvent slackEvent) => slackEvent.IsHomeOpened || ShouldAnswer(slackEvent) || threads.MayFollowAnAnswer(slackEvent);

    private bool ShouldAnswer(SlackEvent slackEvent)
    {
        if (slackEvent.BotId is not null || slackEvent.Subtype is not null)
        {
            // Bots (this one included), edits, joins and other system messages are never answered.
            return false;
        }

        if (slackEvent.UserId is null || slackEvent.UserId == identity.BotUserId)
        {
            return false;
        }

        return slackEvent.IsDirectMessage || (slackEvent.IsMention && slackEvent.ChannelType != "im") || threads.IsFollowUp(slackEvent);
    }

    private async Task RespondPrivatelyAsync(SlackAck ack, Uri? responseUrl, Reply reply, WorkTicket ticket, CancellationToken cancellationToken)
    {
        var message = SlackMessageRenderer.Render(reply, offerReport: false) with { Ephemeral = true };
        if (ack.TryAcknowledge(message.ToResponsePayload()))
        {
            await ticket.CompleteAsync(cancellationToken);
            return;
        }

        if (responseUrl is null)
        {
            logger.LogWarning("A Slack slash command had no response_url; its late private reply is dropped");
            await ticket.CompleteAsync(cancellationToken);
            return;
        }

        // Already on the work lane (every caller runs there): posted from here, so a stopping host
        // that drains the command drains its reply with it.
        await api.PostToResponseUrlAsync(responseUrl, message, cancellationToken);
        await ticket.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// Posts the answer to a slash command or a shortcut with chat.postMessage so its ts is known and
    /// the answer can be reported and corrected. Where the bot may not post (not a member of the
    /// channel), it falls back to response_url: the answer is still seen, but it cannot be corrected later.
    /// </summary>
    private async Task PostAnswerAsync(ChatRequest request, Reply reply, string? threadTs, Uri? responseUrl, WorkTicket ticket, CancellationToken cancellationToken)
    {
        try
        {
            await PostAndRecordAsync(request, reply, threadTs, ticket, cancellationToken);
        }
        catch (SlackApiException exception) when (exception.Error is "not_in_channel" or "channel_not_found" && responseUrl is not null)
        {
            logger.LogInformation(
                "Slack answer in {Channel} went through response_url ({Error}); invite the bot to the channel so answers there can be corrected",
                request.ChannelId, exception.Error);
            await api.PostToResponseUrlAsync(responseUrl, SlackMessageRenderer.Render(reply, offerReport: false), cancellationToken);
            await ticket.CompleteAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Posts and records a reply in the channel's turn (see <see cref="SlackDelivery"/>), noting in the journal first that it is being posted. When an
    /// earlier run had got that far, the channel's history is asked for the message first (each
    /// answer carries its request's key in its metadata): found, it is only recorded, never posted twice.
    /// </summary>
    private async Task PostAndRecordAsync(ChatRequest request, Reply reply, string? threadTs, WorkTicket ticket, CancellationToken cancellationToken)
    {
        var key = ticket.Work?.Key;
        string? ts = null;
        if (ticket.MayBePosted && key is not null)
        {
            ts = await api.FindPostedReplyAsync(request.ChannelId, key, ticket.Work!.AcceptedAt, cancellationToken);
        }

        if (ts is null)
        {
            await ticket.PostingAsync(cancellationToken);
            var message = SlackMessageRenderer.Render(reply, offerReport: reply.Kind == ReplyKind.Answer);
            ts = await api.PostMessageAsync(request.ChannelId, message, threadTs, cancellationToken, key, turnTaken: true);
        }

        threads.Posted(request, ts);

        await pipeline.RecordAsync(new PostedMessage(Platform, request.ChannelId, ts, threadTs), request, reply, cancellationToken);
        await ticket.CompleteAsync(cancellationToken);
    }
}
