using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Core.Conversation;
using StoryBot.Core.Platforms;
using StoryBot.Core.Telemetry;
using StoryBot.Slack.Configuration;
using StoryBot.Slack.Dispatch;
using StoryBot.Slack.Handling;
using StoryBot.Slack.Inbound;

namespace StoryBot.Slack.Http;

/// <summary>
/// The HTTP side of Slack: slash commands, Events API callbacks and interactivity. Every request is
/// verified before anything is parsed; a bad one gets 401 and nothing runs. Work goes to the queue
/// and Slack is acknowledged well within its 3 seconds. A verified request is the root of its trace
/// (the <c>receive</c> span) and opens its log scope.
/// </summary>
/// <remarks>More than five constructor parameters on purpose: three routes share verifying, journaling and handing off; options (ack budget), telemetry, clock and logger are ambient.</remarks>
internal sealed class SlackHttpEndpoints(
    SlackSignatureVerifier verifier,
    UnverifiedBodies bodies,
    RejectedRequests rejected,
    SlackWork work,
    SlackWorkQueue queue,
    SlackConversation conversation,
    IOptions<SlackOptions> options,
    StoryBotTelemetry telemetry,
    TimeProvider time,
    ILogger<SlackHttpEndpoints> logger)
{
    public async Task HandleCommandAsync(HttpContext context)
    {
        var receivedAt = time.GetTimestamp();
        var body = await ReadVerifiedBodyAsync(context);
        if (body is null)
        {
            return;
        }

        var form = Encoding.UTF8.GetString(body);
        if (QueryHelpers.ParseQuery(form).TryGetValue("ssl_check", out var sslCheck) && sslCheck == "1")
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        if (SlashCommand.FromForm(form) is not { } command)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var received = Receive(receivedAt, "command", null);
        received.WrittenIn(SlackRequests.KindOf(command.ChannelId));

        // Kept before it is acknowledged, keyed by its trigger_id (each invocation has its own) or
        // else its signature: a replay is acknowledged, not answered.
        var trigger = QueryHelpers.ParseQuery(form).TryGetValue("trigger_id", out var id) && id.ToString().Length > 0
            ? id.ToString()
            : context.Request.Headers["X-Slack-Signature"].ToString();
        if (await work.TryAcceptAsync(SlackWork.CommandForm, "command:" + trigger, form, context.RequestAborted) is not { } ticket)
        {
            LogReplay("slash command");
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        // The answer is worked out at once, beside the queue (it is quick, and the acknowledgement
        // may carry it); only posting it is queued. A stopping host lets it finish.
        var ack = new SlackAck();
        if (!queue.TryStart("slash command", cancellationToken => conversation.HandleCommandAsync(command, ack, ticket, cancellationToken)))
        {
            // Stopping: acknowledged now and answered from the journal at the next start.
            ack.TryAcknowledge(null);
        }

        // Answer Slack within the budget whatever the handler is doing; a later reply uses response_url.
        await ReplyDeadline.CompletesWithinAsync(ack.Sent, options.Value.AckBudget, time, context.RequestAborted);
        ack.TryAcknowledge(null);
        var payload = await ack.Sent;
        context.Response.StatusCode = StatusCodes.Status200OK;
        if (payload is not null)
        {
            await WriteJsonAsync(context, payload);
        }

        received.Acknowledged();
    }

    public async Task HandleEventAsync(HttpContext context)
    {
        var receivedAt = time.GetTimestamp();
        var body = await ReadVerifiedBodyAsync(context);
        if (body is null)
        {
            return;
        }

        if (!JsonPayload.TryParse(body, out var root))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (root.GetStringOrNull("type") == "url_verification")
        {
            await WriteJsonAsync(context, new JsonObject { ["challenge"] = root.GetStringOrEmpty("challenge") });
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        if (SlackEvent.FromCallback(root) is not { } slackEvent || !conversation.Wants(slackEvent))
        {
            return;
        }

        using var received = Receive(receivedAt, "event", slackEvent.EventId);

        // Its place in its conversation is taken before the journal write, in the order requests are read.
        var place = conversation.Enter(slackEvent);
        WorkTicket? ticket = null;
        try
        {
            // Slack retries (X-Slack-Retry-Num) carry the same event_id: answered once only.
            ticket = await work.TryAcceptAsync(SlackWork.Event, SlackWork.EventKey(slackEvent, context.Request.Headers["X-Slack-Signature"].ToString()), Encoding.UTF8.GetString(body), context.RequestAborted);
        }
        finally
        {
            if (ticket is null)
            {
                // Seen before or not kept: the conversation's next message does not wait for it.
                place.Dispose();
            }
        }

        if (ticket is null)
        {
            logger.LogDebug(
                "Slack event {EventId} delivered again (retry {Retry}); skipped",
                slackEvent.EventId, context.Request.Headers["X-Slack-Retry-Num"].ToString());
            return;
        }

        place.EnqueueInOrder(queue, "event", cancellationToken => conversation.HandleEventAsync(slackEvent, place, ticket, cancellationToken));
        received.Acknowledged();
    }

    public async Task HandleInteractivityAsync(HttpContext context)
    {
        var receivedAt = time.GetTimestamp();
        var body = await ReadVerifiedBodyAsync(context);
        if (body is null)
        {
            return;
        }

        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        SlackInteraction? interaction = null;
        string? trigger = null;
        if (form.TryGetValue("payload", out var payload))
        {
            if (!JsonPayload.TryParse(payload.ToString(), out var root))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            interaction = SlackInteraction.FromPayload(root);
            trigger = root.GetStringOrNull("trigger_id");
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        if (interaction is null)
        {
            return;
        }

        using var received = Receive(receivedAt, "action", null);
        var key = "action:" + (trigger ?? context.Request.Headers["X-Slack-Signature"].ToString());
        if (await work.TryAcceptAsync(SlackWork.Action, key, payload.ToString(), context.RequestAborted) is not { } ticket)
        {
            LogReplay("interaction");
            return;
        }

        queue.TryEnqueue("interaction", cancellationToken => conversation.HandleInteractionAsync(interaction, ticket, cancellationToken));
        received.Acknowledged();
    }

    /// <param name="requestId">The event's id; a command's or an action's trigger_id opens views, so it stays out of logs.</param>
    private ReceivedRequest Receive(long receivedAt, string kind, string? requestId) =>
        new(telemetry, logger, time, receivedAt, SlackWork.Platform, kind, string.IsNullOrEmpty(requestId) ? null : requestId);

    /// <returns>The raw body when the signature holds; otherwise null, with 401 (or why the body was not read) already set.</returns>
    private async Task<byte[]?> ReadVerifiedBodyAsync(HttpContext context)
    {
        var request = context.Request;
        if (!verifier.MayBeSigned(request.Headers["X-Slack-Request-Timestamp"], request.Headers["X-Slack-Signature"]))
        {
            // Refused before a byte of the body is read: unsigned or stale traffic costs no memory.
            rejected.Note("Slack", request.Path);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return null;
        }

        var read = await bodies.ReadAsync(request.Body, request.ContentLength, context.RequestAborted);
        if (read.Body is not { } body)
        {
            context.Response.StatusCode = read.StatusCode;
            return null;
        }

        if (!verifier.IsValid(request.Headers["X-Slack-Request-Timestamp"], request.Headers["X-Slack-Signature"], body))
        {
            rejected.Note("Slack", request.Path);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return null;
        }

        return body;
    }

    private void LogReplay(string what) =>
        logger.LogWarning("A Slack {What} was received again with the same signature or id; acknowledged, not answered again", what);

    private static async Task WriteJsonAsync(HttpContext context, JsonObject payload)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(payload.ToJsonString(), context.RequestAborted);
    }
}
