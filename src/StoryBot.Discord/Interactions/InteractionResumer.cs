using Microsoft.Extensions.Logging;
using StoryBot.Core.Conversation;
using StoryBot.Core.Platforms;
using StoryBot.Discord.Rendering;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Interactions;

/// <summary>
/// Finishes, after a restart, an interaction the last run took in and did not finish. Its original
/// response says how far it got: none means Discord never had an acknowledgement (the user saw the
/// interaction fail, and its token takes no answer now); a "thinking…" still loading is answered by
/// editing it; an answer already there is only recorded.
/// </summary>
internal sealed partial class InteractionResumer(InteractionHandler handler, InteractionWebhooks webhooks, ILogger<InteractionResumer> logger)
{
    /// <summary>The message flag Discord sets on a deferred response until it is edited.</summary>
    private const int Loading = 128;

    public async Task ResumeAsync(WorkTicket ticket, CancellationToken cancellationToken)
    {
        if (JsonPayload.TryParse(ticket.Work!.Payload, out var root) && Interaction.TryParse(root) is { } interaction)
        {
            await FinishAsync(interaction, ticket, cancellationToken);
        }

        await ticket.CompleteAsync(cancellationToken);
    }

    private async Task FinishAsync(Interaction interaction, WorkTicket ticket, CancellationToken cancellationToken)
    {
        // Not even started to respond: nothing reached Discord.
        var original = ticket.MayBePosted ? await webhooks.FindOriginalAsync(interaction, cancellationToken) : null;
        if (original is not { } message)
        {
            LogNeverAcknowledged(interaction.Id);
            return;
        }

        if (await handler.AnswerAgainAsync(interaction, cancellationToken) is not var (request, reply))
        {
            return;
        }

        var flags = message.Int("flags") ?? 0;
        InteractionFollowUp followUp = (flags & Loading) != 0
            ? new DeferredAnswer(interaction, request, Task.FromResult(reply), Ephemeral: (flags & DiscordMessage.Ephemeral) != 0)
            : new InlineAnswer(interaction, request, reply, []);
        await webhooks.FinishAsync(followUp, message.String("id"), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord interaction {InteractionId} was never acknowledged before the last run ended; Discord takes no answer to it now")]
    private partial void LogNeverAcknowledged(string interactionId);
}
