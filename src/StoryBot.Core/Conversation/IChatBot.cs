using StoryBot.Core.Answering;
using StoryBot.Core.Commands;
using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Conversation;

/// <summary>The single entry point every adapter calls: a request in, a reply out.</summary>
public interface IChatBot
{
    Task<Reply> RespondAsync(ChatRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The language a reply to <paramref name="request"/> is written in, for the few replies that
    /// are composed without asking the bot (a cooldown notice, a failure).
    /// </summary>
    Language LanguageOf(ChatRequest request) => request.PreferredLanguage ?? Language.English;

    /// <summary>
    /// The command <paramref name="request"/> runs, as metrics and log scopes name it: a command's
    /// name, <c>ask</c> for free text, <c>unknown</c> for a name no command has, <c>none</c> for nothing at all.
    /// </summary>
    string CommandOf(ChatRequest request) => AskCommand.CommandName;
}
