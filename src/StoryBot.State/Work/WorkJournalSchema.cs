using StoryBot.State.Storage;

namespace StoryBot.State.Work;

/// <summary>The journal of acknowledged requests (versions 300-399); times are unix milliseconds.</summary>
internal sealed class WorkJournalSchema : IStateMigrations
{
    public IEnumerable<StateMigration> Migrations { get; } =
    [
        new(300, "accepted work", _ => """
            CREATE TABLE IF NOT EXISTS accepted_work (
                work_key    TEXT    NOT NULL PRIMARY KEY,
                platform    TEXT    NOT NULL,
                kind        TEXT    NOT NULL,
                payload     TEXT    NOT NULL,
                accepted_at BIGINT  NOT NULL,
                answer_by   BIGINT  NOT NULL,
                status      TEXT    NOT NULL
            );
            CREATE INDEX IF NOT EXISTS accepted_work_by_status ON accepted_work (status, accepted_at);
            """),
    ];
}
