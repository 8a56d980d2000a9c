using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StoryBot.Core.Platforms;
using StoryBot.Core.Telemetry;
using StoryBot.Discord.Conversation;

namespace StoryBot.Discord.Interactions;

/// <summary>
/// <c>POST /discord/interactions</c>: verify, then answer inline. Nothing about the request is
/// read or run before its signature checks out.
/// </summary>
internal static class InteractionEndpoint
{
    public const string Path = "/discord/interactions";

    /// <summary>The interaction as metrics and log scopes name its kind: a ping, or an interaction to answer.</summary>
    public static string RequestKind(Interaction interaction) => interaction.Type == InteractionType.Ping ? "ping" : "interaction";

    public static async Task HandleAsync(
        HttpContext context,
        InteractionSignatureVerifier verifier,
        UnverifiedBodies bodies,
        InteractionHandler handler,
        InteractionWebhooks webhooks,
        DiscordWorkQueue queue,
        RejectedRequests rejected,
        StoryBotTelemetry telemetry,
        ILoggerFactory loggers,
        TimeProvider time)
    {
        var receivedAt = time.GetTimestamp();
        if (!verifier.MayBeSigned(context.Request.Headers["X-Signature-Ed25519"], context.Request.Headers["X-Signature-Timestamp"]))
        {
            // Refused before a byte of the body is read: unsigned or stale traffic costs no memory.
            rejected.Note("Discord", Path);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var read = await bodies.ReadAsync(context.Request.Body, context.Request.ContentLength, context.RequestAborted);
        if (read.Body is not { } body)
        {
            context.Response.StatusCode = read.StatusCode;
            return;
        }

        if (!verifier.IsValid(context.Request.Headers["X-Signature-Ed25519"], context.Request.Headers["X-Signature-Timestamp"], body))
        {
            rejected.Note("Discord", Path);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (!JsonPayload.TryParse(body, out var root) || Interaction.TryParse(root) is not { } interaction)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var received = new ReceivedRequest(telemetry, loggers.CreateLogger(typeof(InteractionEndpoint)), time, receivedAt, DiscordPlatform.Name, RequestKind(interaction), interaction.Id);
        var start = await handler.StartAsync(interaction, Encoding.UTF8.GetString(body), receivedAt);

        // Only once the response is out: a deferred edit or a read-back needs it delivered, and
        // the request is done in the journal only when nothing is left to do. The follow-up
        // continues this request's trace, which the completion callback does not carry.
        var trace = RequestTrace.Current;
        context.Response.OnCompleted(() =>
        {
            if (start.FollowUp is null && start.Ticket.Work is null)
            {
                return Task.CompletedTask;
            }

            queue.TryEnqueue("interaction follow-up", async cancellationToken =>
            {
                if (start.FollowUp is { } followUp)
                {
                    await webhooks.FinishAsync(followUp, null, cancellationToken);
                }

                await start.Ticket.CompleteAsync(cancellationToken);
            }, trace);
            return Task.CompletedTask;
        });

        // From here the answer may be on Discord: a restart looks for it before answering again.
        await start.Ticket.PostingAsync(context.RequestAborted);
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(start.Response.ToUtf8Json(), context.RequestAborted);
        received.Acknowledged();
    }
}
