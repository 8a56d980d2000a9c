namespace StoryBot.Core.Conversation;

/// <summary>
/// The unanswered questions of this process only, the latest <see cref="Capacity"/>: for a bot
/// run without durable state. The state feature replaces it with a table that survives restarts.
/// </summary>
internal sealed class InMemoryUnansweredQuestions : IUnansweredQuestions
{
    public const int Capacity = 1000;

    private readonly Queue<UnansweredQuestion> _questions = new();
    private readonly Lock _lock = new();

    public Task RecordAsync(UnansweredQuestion question, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _questions.Enqueue(question);
            if (_questions.Count > Capacity)
            {
                _questions.Dequeue();
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<UnansweredTally>> MostAskedAsync(int count, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<UnansweredTally> tallies =
            [
                .. _questions
                    .GroupBy(q => q.Question.ToLowerInvariant(), StringComparer.Ordinal)
                    .Select(g => new UnansweredTally(g.Last().Question, g.Last().Language, g.Count(), g.Max(q => q.At)))
                    .OrderByDescending(t => t.Count)
                    .ThenByDescending(t => t.LastAsked)
                    .Take(count),
            ];
            return Task.FromResult(tallies);
        }
    }
}
