using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Conversation;

/// <summary>
/// A question the story did not answer, as curators see it: the question without chat noise (so
/// no mention or user id), its language, when and on what kind of channel it was asked.
/// </summary>
public sealed record UnansweredQuestion(string Question, Language Language, string Platform, ChannelKind ChannelKind, DateTimeOffset At)
{
    /// <summary>How long the bot took to find it had no answer, from the request reaching the conversation pipeline; null when not timed.</summary>
    public TimeSpan? AnswerTime { get; init; }
}

/// <summary>How often one question went unanswered (questions of similar wording count as one: see <see cref="Retrieval.QuestionWording"/>).</summary>
public sealed record UnansweredTally(string Question, Language Language, int Count, DateTimeOffset LastAsked);

/// <summary>Keeps the questions the story did not answer, so curators can see what people want to know.</summary>
public interface IUnansweredQuestions
{
    Task RecordAsync(UnansweredQuestion question, CancellationToken cancellationToken);

    /// <returns>The most often asked, most frequent first, then the most recent.</returns>
    Task<IReadOnlyList<UnansweredTally>> MostAskedAsync(int count, CancellationToken cancellationToken);
}
