using System.Text.Json.Serialization;
using StoryBot.Core.Conversation;

namespace StoryBot.Discord.Messages;

/// <summary>
/// A message the bot decided to answer, as the journal keeps it: the request as read when it
/// arrived (who the bot was, whether it was mentioned), so a later run answers the same question.
/// </summary>
/// <param name="MessageId">The message answered; the reply refers to it.</param>
internal sealed record IncomingMessage(string MessageId, string? GuildId, ChatRequest Request)
{
    [JsonIgnore]
    public WorkTicket Ticket { get; init; } = WorkTicket.None;
}
