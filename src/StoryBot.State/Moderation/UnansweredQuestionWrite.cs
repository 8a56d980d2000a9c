using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.State.Storage;

namespace StoryBot.State.Moderation;

/// <summary>
/// Records a question the story did not answer; applied twice it changes nothing (the write's id is
/// unique). The questions sharing a commit are written in one multi-row statement.
/// </summary>
internal sealed class UnansweredQuestionWrite(IStateDatabase database) : IStateWriteKind, IBatchedWrite<UnansweredQuestionWrite.Row, bool>
{
    public const string Name = "unanswered-question";

    private static readonly MultiRowStatement<Row> Questions = new(
        """
        INSERT INTO unanswered_questions (question, question_key, language, platform, channel_kind, asked_at, write_id, key_version, duration_ms)
        VALUES {rows}
        ON CONFLICT (write_id) DO NOTHING
        RETURNING write_id
        """,
        ("question", r => r.Question.Question),
        ("key", r => UnansweredLog.KeyOf(r.Question.Question)),
        ("language", r => r.Question.Language),
        ("platform", r => r.Question.Platform),
        ("kind", r => r.Question.ChannelKind),
        ("at", r => r.Question.AskedAt),
        ("write", r => r.WriteId),
        ("version", _ => (long)UnansweredLog.KeyVersion),
        ("duration", r => r.Question.DurationMs));

    public string Kind => Name;

    public static StateWrite Of(UnansweredQuestion question) =>
        StateWrite.Of(Name, new Data(
            question.Question,
            question.Language.Code(),
            question.Platform,
            question.ChannelKind.ToString().ToLowerInvariant(),
            question.At.ToUnixTimeMilliseconds(),
            question.AnswerTime?.TotalMilliseconds));

    public Task<bool> ApplyAsync(StateWrite write, CancellationToken cancellationToken) =>
        database.WriteAsync(this, new Row(write.Id, write.DataAs<Data>()), cancellationToken);

    /// <returns>Per question, whether it was recorded now (false: its write was applied before).</returns>
    public async Task<IReadOnlyList<bool>> RunAsync(StateSession session, IReadOnlyList<Row> questions)
    {
        // A write applied twice in one batch (replayed while the first was still committing) is the first one's.
        var distinct = questions.DistinctBy(q => q.WriteId).ToList();
        var recorded = (await Questions.QueryAsync(session, distinct, row => row.GetString(0))).ToHashSet(StringComparer.Ordinal);
        return [.. questions.Select(q => recorded.Remove(q.WriteId))];
    }

    internal sealed record Row(string WriteId, Data Question);

    internal sealed record Data(string Question, string Language, string Platform, string ChannelKind, long AskedAt, double? DurationMs);
}
