using System.Text.Json;
using System.Text.Json.Nodes;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Core.Conversation;
using StoryBot.Core.Telemetry;
using StoryBot.Slack.Configuration;
using StoryBot.Slack.Dispatch;
using StoryBot.Slack.Handling;
using StoryBot.Slack.Inbound;

namespace StoryBot.Slack.SocketMode;

/// <summary>
/// Takes envelopes off the receive loop: drops ones already seen on any connection, keeps the rest
/// in the journal, acknowledges them, and queues the real work. Only cheap steps happen on the loop;
/// the journal write runs beside it, before the acknowledgement. A new envelope is the root of its
/// trace (the <c>receive</c> span) and opens its log scope.
/// </summary>
/// <remarks>More than five constructor parameters on purpose: deduplicating, journaling and handing off to the conversation is its job; options (ack budget), telemetry, clock and logger are ambient.</remarks>
internal sealed class SocketModeEnvelopeRouter(
    SlackDeduplicator deduplicator,
    SlackWork work,
    SlackWorkQueue queue,
    SlackConversation conversation,
    IOptions<SlackOptions> options,
    StoryBotTelemetry telemetry,
    TimeProvider time,
    ILogger<SocketModeEnvelopeRouter> logger)
{
    /// <param name="envelope">The parsed frame (owned by the caller's cloned document).</param>
    /// <param name="send">Sends a frame on the connection the envelope came in on.</param>
    public void Route(JsonElement envelope, Func<JsonObject, Task> send)
    {
        var receivedAt = time.GetTimestamp();
        var envelopeId = envelope.GetStringOrEmpty("envelope_id");
        var type = envelope.GetStringOrEmpty("type");
        var payload = envelope.GetObjectOrDefault("payload");
        var acceptsPayload = envelope.TryGetProperty("accepts_response_payload", out var accepts) && accepts.ValueKind == JsonValueKind.True;
        var ack = new SlackAck(acceptsPayload);
        _ = SendAckAsync(envelopeId, ack, send, RequestKind(type), receivedAt);

        if (!deduplicator.TryFirstSighting("envelope", envelopeId))
        {
            logger.LogDebug("Slack envelope {EnvelopeId} was delivered again; acknowledged and skipped", envelopeId);
            ack.TryAcknowledge(null);
            return;
        }

        _ = RouteAsync(type, envelopeId, payload, ack, receivedAt);
    }

    /// <summary>The envelope as metrics and log scopes name its kind, alike over HTTP and Socket Mode.</summary>
    private static string RequestKind(string type) => type switch
    {
        "slash_commands" => "command",
        "events_api" => "event",
        "interactive" => "action",
        _ => "other",
    };

    private async Task RouteAsync(string type, string envelopeId, JsonElement payload, SlackAck ack, long receivedAt)
    {
        using var received = new ReceivedRequest(telemetry, logger, time, receivedAt, SlackWork.Platform, RequestKind(type), envelopeId, ActivityKind.Consumer);
        try
        {
            switch (type)
            {
                case "slash_commands" when SlashCommand.FromJson(payload) is { } command:
                    if (await AcceptAsync(SlackWork.CommandJson, "envelope:" + envelopeId, payload, ack) is { } commandTicket)
                    {
                        _ = AcknowledgeAtDeadlineAsync(ack);
                        Enqueue(ack, "slash command", cancellationToken => conversation.HandleCommandAsync(command, ack, commandTicket, cancellationToken));
                    }

                    break;

                case "events_api" when SlackEvent.FromCallback(payload) is { } slackEvent && !conversation.Wants(slackEvent):
                    ack.TryAcknowledge(null);
                    break;

                case "events_api" when SlackEvent.FromCallback(payload) is { } slackEvent:
                    // Its place in its conversation is taken before the journal write, in the order envelopes arrive.
                    var place = conversation.Enter(slackEvent);
                    WorkTicket? eventTicket = null;
                    try
                    {
                        eventTicket = await AcceptAsync(SlackWork.Event, SlackWork.EventKey(slackEvent, "envelope:" + envelopeId), payload, ack);
                        ack.TryAcknowledge(null);
                    }
                    finally
                    {
                        if (eventTicket is null)
                        {
                            // Seen before or not kept: the conversation's next message does not wait for it.
                            place.Dispose();
                        }
                    }

                    if (eventTicket is not null)
                    {
                        place.EnqueueInOrder(queue, "event", cancellationToken => conversation.HandleEventAsync(slackEvent, place, eventTicket, cancellationToken));
                    }

                    break;

                case "interactive" when SlackInteraction.FromPayload(payload) is { } interaction:
                    var key = "action:" + (payload.GetStringOrNull("trigger_id") ?? "envelope:" + envelopeId);
                    var actionTicket = await AcceptAsync(SlackWork.Action, key, payload, ack);
                    ack.TryAcknowledge(null);
                    if (actionTicket is not null)
                    {
                        Enqueue(ack, "interaction", cancellationToken => conversation.HandleInteractionAsync(interaction, actionTicket, cancellationToken));
                    }

                    break;

                default:
                    ack.TryAcknowledge(null);
                    logger.LogDebug("Slack envelope of type {Type} acknowledged and ignored", type);
                    break;
            }
        }
#pragma warning disable CA1031 // The state store failed: not acknowledged, so Slack delivers the envelope again.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.LogError(exception, "Could not keep Slack envelope {EnvelopeId}; left unacknowledged for Slack to deliver again", envelopeId);
        }
    }

    /// <returns>The ticket, or null (and the envelope acknowledged) when the request was accepted before.</returns>
    private async Task<WorkTicket?> AcceptAsync(string kind, string key, JsonElement payload, SlackAck ack)
    {
        if (await work.TryAcceptAsync(kind, key, payload.GetRawText(), CancellationToken.None) is { } ticket)
        {
            return ticket;
        }

        logger.LogDebug("Slack request {Key} was accepted before; acknowledged and skipped", key);
        ack.TryAcknowledge(null);
        return null;
    }

    private void Enqueue(SlackAck ack, string description, Func<CancellationToken, Task> work)
    {
        if (!queue.TryEnqueue(description, work))
        {
            ack.TryAcknowledge(null);
        }
    }

    /// <summary>Whatever the handler is doing, Slack gets its ack within the budget.</summary>
    private async Task AcknowledgeAtDeadlineAsync(SlackAck ack)
    {
        await ReplyDeadline.CompletesWithinAsync(ack.Sent, options.Value.AckBudget, time);
        ack.TryAcknowledge(null);
    }

    private async Task SendAckAsync(string envelopeId, SlackAck ack, Func<JsonObject, Task> send, string requestKind, long receivedAt)
    {
        var payload = await ack.Sent;
        var frame = new JsonObject { ["envelope_id"] = envelopeId };
        if (payload is not null)
        {
            frame["payload"] = payload;
        }

        try
        {
            await send(frame);
            telemetry.Acknowledged(SlackWork.Platform, requestKind, time.GetElapsedTime(receivedAt));
        }
#pragma warning disable CA1031 // A lost ack only means Slack delivers the envelope again, which is deduplicated.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.LogWarning("Could not acknowledge Slack envelope {EnvelopeId}: {Error}", envelopeId, exception.Message);
        }
    }
}
