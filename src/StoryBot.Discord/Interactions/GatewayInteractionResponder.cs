using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StoryBot.Core.Telemetry;
using StoryBot.Discord.Conversation;
using StoryBot.Discord.Posting;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Interactions;

/// <summary>
/// Answers interactions that arrive over the Gateway through the callback endpoint, asking for
/// the created message back (<c>with_response=true</c>) so the answer can be recorded at once.
/// The callback is the interaction's acknowledgement.
/// </summary>
/// <remarks>Six constructor parameters on purpose: the handler, webhooks and REST answer; telemetry, clock and logger watch the request.</remarks>
internal sealed class GatewayInteractionResponder(
    InteractionHandler handler,
    InteractionWebhooks webhooks,
    DiscordRestClient rest,
    StoryBotTelemetry telemetry,
    TimeProvider time,
    ILogger<GatewayInteractionResponder> logger)
{
    /// <param name="receivedAt">When the interaction arrived (a <see cref="TimeProvider"/> timestamp).</param>
    public async Task HandleAsync(JsonElement payload, long receivedAt, CancellationToken cancellationToken)
    {
        if (Interaction.TryParse(payload) is not { } interaction)
        {
            return;
        }

        using var received = new ReceivedRequest(telemetry, logger, time, receivedAt, DiscordPlatform.Name, InteractionEndpoint.RequestKind(interaction), interaction.Id, ActivityKind.Consumer);
        var start = await handler.StartAsync(interaction, payload.GetRawText(), receivedAt);

        // From here the answer may be on Discord: a restart looks for it before answering again.
        await start.Ticket.PostingAsync(cancellationToken);
        var result = await telemetry.PostAsync(
            DiscordPlatform.Name,
            () => rest.SendAsync(HttpMethod.Post, $"interactions/{interaction.Id}/{interaction.Token}/callback?with_response=true", start.Response, cancellationToken),
            DiscordPostFailure.ReasonOf);
        received.Acknowledged();
        if (start.FollowUp is { } followUp)
        {
            await webhooks.FinishAsync(followUp, result?.Child("resource")?.Child("message")?.String("id"), cancellationToken);
        }

        await start.Ticket.CompleteAsync(cancellationToken);
    }
}
