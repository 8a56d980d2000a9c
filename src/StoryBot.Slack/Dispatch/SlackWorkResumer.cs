using System.Text.Json;
using StoryBot.Core.Conversation;
using StoryBot.Core.Platforms;
using StoryBot.Slack.Handling;
using StoryBot.Slack.Inbound;

namespace StoryBot.Slack.Dispatch;

/// <summary>
/// Answers, after a restart, the Slack requests the last run acknowledged and did not finish: each is
/// parsed again from what was kept and handed to the conversation as already acknowledged, so
/// private replies go through response_url.
/// </summary>
internal sealed class SlackWorkResumer(SlackConversation conversation, SlackWorkQueue queue) : IWorkResumer
{
    public string Platform => SlackWork.Platform;

    public async Task ResumeAsync(WorkTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var work = ticket.Work!;
        switch (work.Kind)
        {
            case SlackWork.CommandForm when SlashCommand.FromForm(work.Payload) is { } command:
                Resume("resumed slash command", token => conversation.HandleCommandAsync(command, Acknowledged(), ticket, token));
                return;
            case SlackWork.CommandJson when Parse(work.Payload) is { } payload && SlashCommand.FromJson(payload) is { } command:
                Resume("resumed slash command", token => conversation.HandleCommandAsync(command, Acknowledged(), ticket, token));
                return;
            case SlackWork.Event when Parse(work.Payload) is { } payload && SlackEvent.FromCallback(payload) is { } slackEvent:
                // Resumed in the order they were taken in, so a conversation's answers keep theirs.
                var place = conversation.Enter(slackEvent);
                place.EnqueueInOrder(queue, "resumed event", token => conversation.HandleEventAsync(slackEvent, place, ticket, token));
                return;
            case SlackWork.Action when Parse(work.Payload) is { } payload && SlackInteraction.FromPayload(payload) is { } interaction:
                Resume("resumed interaction", token => conversation.HandleInteractionAsync(interaction, ticket, token));
                return;
            default:
                // Kept by a version that read it differently: nothing here can answer it.
                await ticket.CompleteAsync(cancellationToken);
                return;
        }
    }

    private void Resume(string description, Func<CancellationToken, Task> work) => queue.TryEnqueue(description, work);

    private static SlackAck Acknowledged()
    {
        var ack = new SlackAck();
        ack.TryAcknowledge(null);
        return ack;
    }

    private static JsonElement? Parse(string payload) => JsonPayload.TryParse(payload, out var root) ? root : null;
}
