using StoryBot.Core.Commands;

namespace StoryBot.Core.Conversation;

/// <summary>
/// A message someone picked to ask about ("Ask StoryBot about this message" on Discord, the message
/// shortcut on Slack): its text is the question, cleaned like any other.
/// </summary>
public static class MessageQuestion
{
    /// <summary>
    /// The command line for the chat bot: always <c>/ask</c>, so a picked message that reads like a
    /// command ("/moderate disable …", written by anyone) is asked about, never run with the rights
    /// of the person who picked it.
    /// </summary>
    public static string CommandLine(string? messageText) => $"/{AskCommand.CommandName} {messageText}".TrimEnd();
}
