using System.Data.Common;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.State.Storage;

namespace StoryBot.State.Moderation;

/// <summary>One wording of unanswered questions (the same words in any case), how often and between when it was asked.</summary>
public sealed record UnansweredGroup(string Question, Language Language, int Count, DateTimeOffset FirstAsked, DateTimeOffset LastAsked);

/// <summary>
/// The questions the story did not answer, kept in the state database (waiting in
/// <see cref="DeferredStateWrites"/> while it cannot be reached) and forgotten with the answers.
/// </summary>
public sealed class UnansweredLog(IStateDatabase database, DeferredStateWrites deferred) : IUnansweredQuestions
{
    public Task RecordAsync(UnansweredQuestion question, CancellationToken cancellationToken) =>
        deferred.RunAsync("unanswered question", token => InsertAsync(question, token), cancellationToken);

    private Task<int> InsertAsync(UnansweredQuestion question, CancellationToken cancellationToken) =>
        database.WriteAsync(
            session => session.ExecuteAsync(
                """
                INSERT INTO unanswered_questions (question, question_key, language, platform, channel_kind, asked_at)
                VALUES (@question, @key, @language, @platform, @kind, @at)
                """,
                ("question", question.Question),
                ("key", question.Question.ToLowerInvariant()),
                ("language", question.Language.Code()),
                ("platform", question.Platform),
                ("kind", question.ChannelKind.ToString().ToLowerInvariant()),
                ("at", question.At.ToUnixTimeMilliseconds())),
            cancellationToken);

    public Task<IReadOnlyList<UnansweredTally>> MostAskedAsync(int count, CancellationToken cancellationToken) =>
        database.ReadAsync(
            session => session.QueryAsync(
                """
                SELECT MAX(question), MAX(language), COUNT(*), MAX(asked_at) FROM unanswered_questions
                GROUP BY question_key ORDER BY COUNT(*) DESC, MAX(asked_at) DESC LIMIT @count
                """,
                Read,
                ("count", (long)count)),
            cancellationToken);

    /// <summary>A page of the wordings, most asked first, then the most recently asked.</summary>
    public Task<IReadOnlyList<UnansweredGroup>> GroupsAsync(int offset, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync(
            session => session.QueryAsync(
                """
                SELECT MAX(question), MAX(language), COUNT(*), MIN(asked_at), MAX(asked_at) FROM unanswered_questions
                GROUP BY question_key ORDER BY COUNT(*) DESC, MAX(asked_at) DESC LIMIT @limit OFFSET @offset
                """,
                row => new UnansweredGroup(
                    row.GetString(0),
                    LanguageOf(row.GetString(1)),
                    checked((int)row.GetInt64(2)),
                    StateTime.FromStored(row.GetInt64(3)),
                    StateTime.FromStored(row.GetInt64(4))),
                ("limit", (long)limit),
                ("offset", (long)offset)),
            cancellationToken);

    /// <summary>Forgets questions asked before <paramref name="cutoff"/>; returns how many.</summary>
    public Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        database.WriteAsync(
            session => session.ExecuteAsync("DELETE FROM unanswered_questions WHERE asked_at < @before", ("before", cutoff.ToUnixTimeMilliseconds())),
            cancellationToken);

    private static UnansweredTally Read(DbDataReader row) => new(
        row.GetString(0),
        LanguageOf(row.GetString(1)),
        checked((int)row.GetInt64(2)),
        StateTime.FromStored(row.GetInt64(3)));

    private static Language LanguageOf(string code) => LanguageCodes.TryParse(code, out var language) ? language : Language.English;
}
