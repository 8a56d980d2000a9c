using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Answering;

/// <summary>Answers free questions about the story from the pack in service.</summary>
public interface IAnswerEngine
{
    /// <returns>The answer or abstention, with the question as cleaned for reading it (<see cref="Reply.CleanedQuestion"/>).</returns>
    Task<Reply> AskAsync(string question, Language? preferred, CancellationToken cancellationToken);

    /// <summary>The language <paramref name="text"/> is written in, or <paramref name="fallback"/> when it does not tell.</summary>
    Language DetectLanguage(string text, Language fallback);
}
