using StoryBot.State.Storage;

namespace StoryBot.State.Moderation;

/// <summary>
/// Indexes for what the dashboard reads from the moderation tables (versions 500-599), measured by
/// the dashboard page benchmark on both stores.
/// </summary>
internal sealed class DashboardReadSchema : IStateMigrations
{
    public IEnumerable<StateMigration> Migrations { get; } =
    [
        // The overview counts the citations of today's answers on every view (AnswerStatistics.MostCitedAsync).
        // From (posted_at) alone PostgreSQL fetched each answer's row for its id, and at that cost planned a
        // parallel worker whose start took most of the page's time; with the id in the index it reads
        // the day's ids from the index alone and joins on one core. SQLite's index already held the id
        // (its rowid), so the new one replaces it there at no cost.
        new(500, "answers by time with their ids", _ => """
            CREATE INDEX answers_posted_id ON answers (posted_at, id);
            DROP INDEX answers_posted_at;
            """),
    ];
}
