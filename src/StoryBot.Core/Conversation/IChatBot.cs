using StoryBot.Core.Answering;
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
}
