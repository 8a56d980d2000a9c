using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Answering;

/// <summary>Answers free questions about the story from the pack in service.</summary>
public interface IAnswerEngine
{
    /// <returns>The answer or abstention, with the question as cleaned for reading it (<see cref="Reply.CleanedQuestion"/>).</returns>
    Task<Reply> AskAsync(string question, Language? preferred, CancellationToken cancellationToken);

    /// <summary>
    /// The language <paramref name="text"/> is written in; where its words do not tell, the
    /// user's <paramref name="preferred"/> language, then the look of words the story never uses, then English.
    /// </summary>
    Language DetectLanguage(string text, Language? preferred);
}
