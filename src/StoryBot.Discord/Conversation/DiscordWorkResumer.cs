using System.Text.Json;
using StoryBot.Core.Conversation;
using StoryBot.Discord.Interactions;
using StoryBot.Discord.Messages;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord.Conversation;

/// <summary>
/// Answers, after a restart, the Discord requests the last run took in and did not finish:
/// interactions through their webhook, messages as replies in their channel.
/// </summary>
internal sealed class DiscordWorkResumer(InteractionResumer interactions, MessageHandler messages, DiscordWorkQueue queue) : IWorkResumer
{
    public string Platform => DiscordPlatform.Name;

    public async Task ResumeAsync(WorkTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var work = ticket.Work!;
        switch (work.Kind)
        {
            case DiscordWork.Interaction:
                queue.TryEnqueue("resumed interaction", token => interactions.ResumeAsync(ticket, token));
                return;
            case DiscordWork.Message when Read(work.Payload) is { } incoming:
                // Resumed in the order they were taken in, so a conversation's answers keep theirs.
                var place = messages.Enter(incoming);
                place.EnqueueInOrder(queue, "resumed message", token => messages.AnswerAsync(incoming with { Ticket = ticket }, place, token));
                return;
            default:
                // Kept by a version that read it differently: nothing here can answer it.
                await ticket.CompleteAsync(cancellationToken);
                return;
        }
    }

    private static IncomingMessage? Read(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<IncomingMessage>(payload, DiscordJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
