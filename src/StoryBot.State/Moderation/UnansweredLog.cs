using System.Data.Common;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Retrieval;
using StoryBot.State.Storage;

namespace StoryBot.State.Moderation;

/// <summary>Unanswered questions of one similar wording (<see cref="QuestionWording"/>), how often and between when they were asked; <see cref="Question"/> is one of the wordings.</summary>
/// <param name="ForPack">A curator marked the wording as one to add to the knowledge pack.</param>
public sealed record UnansweredGroup(string Question, Language Language, int Count, DateTimeOffset FirstAsked, DateTimeOffset LastAsked, bool ForPack = false);

/// <summary>
/// The questions the story did not answer, kept in the state database (waiting in
/// <see cref="DeferredStateWrites"/> while it cannot be reached) and forgotten with the answers.
/// </summary>
public sealed class UnansweredLog(IStateDatabase database, DeferredStateWrites deferred, TimeProvider time) : IUnansweredQuestions
{
    public Task RecordAsync(UnansweredQuestion question, CancellationToken cancellationToken) =>
        deferred.RunAsync(UnansweredQuestionWrite.Of(question), cancellationToken);

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

    /// <summary>A page of the wordings, most asked first, then the most recently asked, with whether each is marked for the pack.</summary>
    public Task<IReadOnlyList<UnansweredGroup>> GroupsAsync(int offset, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync(
            session => session.QueryAsync(
                """
                SELECT g.question, g.language, g.asked, g.first_asked, g.last_asked, CASE WHEN m.question_key IS NULL THEN 0 ELSE 1 END
                FROM (
                    SELECT question_key, MAX(question) AS question, MAX(language) AS language, COUNT(*) AS asked,
                           MIN(asked_at) AS first_asked, MAX(asked_at) AS last_asked
                    FROM unanswered_questions GROUP BY question_key
                    ORDER BY COUNT(*) DESC, MAX(asked_at) DESC LIMIT @limit OFFSET @offset
                ) g
                LEFT JOIN unanswered_marks m ON m.question_key = g.question_key
                ORDER BY g.asked DESC, g.last_asked DESC
                """,
                row => new UnansweredGroup(
                    row.GetString(0),
                    LanguageOf(row.GetString(1)),
                    checked((int)row.GetInt64(2)),
                    StateTime.FromStored(row.GetInt64(3)),
                    StateTime.FromStored(row.GetInt64(4)),
                    Convert.ToInt64(row.GetValue(5), System.Globalization.CultureInfo.InvariantCulture) == 1),
                ("limit", (long)limit),
                ("offset", (long)offset)),
            cancellationToken);

    /// <summary>Marks (or unmarks) a wording as one for the curators to add to the knowledge pack, audited.</summary>
    public Task<ChangeOutcome> MarkForPackAsync(Actor curator, string question, bool forPack, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async session =>
            {
                var key = ("key", (object?)KeyOf(question));
                var changed = forPack
                    ? await session.ExecuteAsync(
                        """
                        INSERT INTO unanswered_marks (question_key, platform, marked_by, marked_at, key_version) VALUES (@key, @platform, @by, @at, @version)
                        ON CONFLICT (question_key) DO NOTHING
                        """,
                        key,
                        ("platform", curator.Platform),
                        ("by", curator.UserId),
                        ("at", time.Now()),
                        ("version", (long)KeyVersion))
                    : await session.ExecuteAsync("DELETE FROM unanswered_marks WHERE question_key = @key", key);
                if (changed == 0)
                {
                    return ChangeOutcome.Unchanged;
                }

                await AuditLog.AppendAsync(session, time, curator, forPack ? AuditLog.Actions.MarkForPack : AuditLog.Actions.UnmarkForPack, "question: " + question, null);
                return ChangeOutcome.Changed;
            },
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

    /// <summary>How questions are keyed now; rows keyed otherwise are keyed anew by <see cref="UnansweredRekeying"/>.</summary>
    internal const int KeyVersion = 3;

    /// <summary>Questions of similar wording are one group.</summary>
    internal static string KeyOf(string question) => QuestionWording.KeyOf(question);

    private static Language LanguageOf(string code) => LanguageCodes.TryParse(code, out var language) ? language : Language.English;
}
