using StoryBot.State.Storage;

namespace StoryBot.State.Summaries;

/// <summary>
/// The summary ledger's schema (versions 200-299). Slots are Unix seconds and leases and update
/// times Unix milliseconds, in BIGINT columns, so both providers read them the same way.
/// </summary>
internal sealed class SummaryLedgerSchema : IStateMigrations
{
    public IEnumerable<StateMigration> Migrations { get; } =
    [
        new(200, "summary ledger", _ => """
            CREATE TABLE IF NOT EXISTS summary_ledger (
                schedule     TEXT    NOT NULL,
                slot_utc     BIGINT  NOT NULL,
                slot_local   TEXT    NOT NULL,
                platform     TEXT    NOT NULL,
                channel_id   TEXT    NOT NULL,
                status       TEXT    NOT NULL,
                owner        TEXT    NULL,
                lease_until  BIGINT  NULL,
                attempts     INTEGER NOT NULL DEFAULT 0,
                message_id   TEXT    NULL,
                thread_id    TEXT    NULL,
                pack_version TEXT    NULL,
                excerpt_ids  TEXT    NULL,
                detail       TEXT    NULL,
                created_at   BIGINT  NOT NULL,
                updated_at   BIGINT  NOT NULL,
                PRIMARY KEY (schedule, slot_utc)
            );
            CREATE INDEX IF NOT EXISTS summary_ledger_by_channel
                ON summary_ledger (platform, channel_id, status, slot_utc);
            """),

        // The ledger as people read it, newest slot first, whatever the schedule.
        new(201, "summary ledger by slot", _ => "CREATE INDEX summary_ledger_by_slot ON summary_ledger (slot_utc);"),

        // Where people open a posted summary, as the platform's adapter gave it when posting; rows
        // from before stay without (NULL), and nothing else about them changes.
        new(202, "summary ledger links", _ => "ALTER TABLE summary_ledger ADD COLUMN permalink TEXT NULL;"),
    ];
}
