using System.Text.Json;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Interactions;

/// <summary>
/// Answers interactions that arrive over the Gateway through the callback endpoint, asking for
/// the created message back (<c>with_response=true</c>) so the answer can be recorded at once.
/// </summary>
internal sealed class GatewayInteractionResponder(InteractionHandler handler, InteractionWebhooks webhooks, DiscordRestClient rest)
{
    /// <param name="receivedAt">When the interaction arrived (a <see cref="TimeProvider"/> timestamp).</param>
    public async Task HandleAsync(JsonElement payload, long receivedAt, CancellationToken cancellationToken)
    {
        if (Interaction.TryParse(payload) is not { } interaction)
        {
            return;
        }

        var start = await handler.StartAsync(interaction, payload.GetRawText(), receivedAt);

        // From here the answer may be on Discord: a restart looks for it before answering again.
        await start.Ticket.PostingAsync(cancellationToken);
        var result = await rest.SendAsync(
            HttpMethod.Post,
            $"interactions/{interaction.Id}/{interaction.Token}/callback?with_response=true",
            start.Response,
            cancellationToken);
        if (start.FollowUp is { } followUp)
        {
            await webhooks.FinishAsync(followUp, result?.Child("resource")?.Child("message")?.String("id"), cancellationToken);
        }

        await start.Ticket.CompleteAsync(cancellationToken);
    }
}
