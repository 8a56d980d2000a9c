using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.State.Storage;

namespace StoryBot.State.Moderation;

/// <summary>Records a question the story did not answer; applied twice it changes nothing (the write's id is unique).</summary>
internal sealed class UnansweredQuestionWrite(IStateDatabase database) : IStateWriteKind
{
    public const string Name = "unanswered-question";

    public string Kind => Name;

    public static StateWrite Of(UnansweredQuestion question) =>
        StateWrite.Of(Name, new Data(
            question.Question,
            question.Language.Code(),
            question.Platform,
            question.ChannelKind.ToString().ToLowerInvariant(),
            question.At.ToUnixTimeMilliseconds(),
            question.AnswerTime?.TotalMilliseconds));

    public async Task<bool> ApplyAsync(StateWrite write, CancellationToken cancellationToken)
    {
        var question = write.DataAs<Data>();
        return await database.WriteAsync(
            session => session.ExecuteAsync(
                """
                INSERT INTO unanswered_questions (question, question_key, language, platform, channel_kind, asked_at, write_id, key_version, duration_ms)
                VALUES (@question, @key, @language, @platform, @kind, @at, @write, @version, @duration)
                ON CONFLICT (write_id) DO NOTHING
                """,
                ("question", question.Question),
                ("key", UnansweredLog.KeyOf(question.Question)),
                ("language", question.Language),
                ("platform", question.Platform),
                ("kind", question.ChannelKind),
                ("at", question.AskedAt),
                ("write", write.Id),
                ("version", (long)UnansweredLog.KeyVersion),
                ("duration", question.DurationMs)),
            cancellationToken) > 0;
    }

    private sealed record Data(string Question, string Language, string Platform, string ChannelKind, long AskedAt, double? DurationMs);
}
