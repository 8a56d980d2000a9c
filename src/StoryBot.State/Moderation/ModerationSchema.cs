using StoryBot.State.Storage;

namespace StoryBot.State.Moderation;

/// <summary>
/// The moderation tables (versions 100-199). Times are BIGINT unix milliseconds (UTC) in both
/// providers; ids that people type (reports) are small sequential numbers.
/// </summary>
internal sealed class ModerationSchema : IStateMigrations
{
    public IEnumerable<StateMigration> Migrations { get; } =
    [
        new(100, "moderation tables", dialect => $"""
            CREATE TABLE disabled_citations (
                target_kind TEXT NOT NULL,
                target_id TEXT NOT NULL,
                platform TEXT NOT NULL,
                disabled_by TEXT NOT NULL,
                reason TEXT NOT NULL,
                disabled_at BIGINT NOT NULL,
                PRIMARY KEY (target_kind, target_id)
            );

            CREATE TABLE answers (
                id {dialect.IdentityPrimaryKey},
                platform TEXT NOT NULL,
                channel_id TEXT NOT NULL,
                message_id TEXT NOT NULL,
                thread_id TEXT NULL,
                user_id TEXT NOT NULL,
                question TEXT NOT NULL,
                language TEXT NOT NULL,
                reply TEXT NOT NULL,
                posted_at BIGINT NOT NULL,
                UNIQUE (platform, channel_id, message_id)
            );
            CREATE INDEX answers_posted_at ON answers (posted_at);
            CREATE INDEX answers_channel ON answers (platform, channel_id, posted_at);

            CREATE TABLE answer_citations (
                answer_id BIGINT NOT NULL,
                excerpt_id TEXT NOT NULL,
                source_id TEXT NOT NULL,
                PRIMARY KEY (answer_id, excerpt_id)
            );
            CREATE INDEX answer_citations_excerpt ON answer_citations (excerpt_id);
            CREATE INDEX answer_citations_source ON answer_citations (source_id);

            CREATE TABLE reports (
                id {dialect.IdentityPrimaryKey},
                platform TEXT NOT NULL,
                channel_id TEXT NOT NULL,
                reporter_id TEXT NOT NULL,
                answer_id BIGINT NULL,
                message_id TEXT NOT NULL,
                reason TEXT NULL,
                status TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                resolved_by TEXT NULL,
                resolved_at BIGINT NULL
            );
            CREATE INDEX reports_status ON reports (status, id);

            CREATE TABLE corrections (
                id {dialect.IdentityPrimaryKey},
                answer_id BIGINT NOT NULL,
                target_kind TEXT NOT NULL,
                target_id TEXT NOT NULL,
                status TEXT NOT NULL,
                mode TEXT NOT NULL,
                attempts BIGINT NOT NULL,
                next_attempt_at BIGINT NOT NULL,
                last_error TEXT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                UNIQUE (answer_id, target_kind, target_id)
            );
            CREATE INDEX corrections_due ON corrections (status, next_attempt_at);

            CREATE TABLE correction_attempts (
                id {dialect.IdentityPrimaryKey},
                correction_id BIGINT NOT NULL,
                mode TEXT NOT NULL,
                outcome TEXT NOT NULL,
                error TEXT NULL,
                attempted_at BIGINT NOT NULL
            );
            CREATE INDEX correction_attempts_correction ON correction_attempts (correction_id, id);

            CREATE TABLE audit_log (
                id {dialect.IdentityPrimaryKey},
                actor_id TEXT NOT NULL,
                platform TEXT NOT NULL,
                action TEXT NOT NULL,
                target TEXT NULL,
                reason TEXT NULL,
                occurred_at BIGINT NOT NULL
            );
            """),

        // The database itself refuses to rewrite history, whatever code runs against it.
        new(101, "audit log is append-only", dialect => dialect.IsPostgres
            ? """
              CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN
                  RAISE EXCEPTION 'audit_log is append-only';
              END $$;
              CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
                  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
              """
            : """
              CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
              BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
              CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
              BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
              """),

        // Questions the story did not answer, for the curators; the cleaned text only, no user id.
        new(102, "unanswered questions", dialect => $"""
            CREATE TABLE unanswered_questions (
                id {dialect.IdentityPrimaryKey},
                question TEXT NOT NULL,
                question_key TEXT NOT NULL,
                language TEXT NOT NULL,
                platform TEXT NOT NULL,
                channel_kind TEXT NOT NULL,
                asked_at BIGINT NOT NULL
            );
            CREATE INDEX unanswered_questions_key ON unanswered_questions (question_key);
            CREATE INDEX unanswered_questions_asked_at ON unanswered_questions (asked_at);
            """),

        // A withdrawn excerpt is remembered by its words too, so a pack that renames it cannot bring it back.
        new(103, "withdrawn excerpts keep their quote key", _ => "ALTER TABLE disabled_citations ADD COLUMN quote_key TEXT NULL;"),

        // Every change to the withdrawals, however it is made, bumps one number: an answer reads the
        // number, and the withdrawals themselves only when it moved (StoreCitationPolicy).
        new(104, "withdrawal changes are counted", dialect => dialect.IsPostgres
            ? """
              CREATE TABLE citation_filter_version (id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL);
              INSERT INTO citation_filter_version (id, version) VALUES (1, 0);
              CREATE FUNCTION citation_filter_changed() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN
                  UPDATE citation_filter_version SET version = version + 1 WHERE id = 1;
                  RETURN NULL;
              END
              $$;
              CREATE TRIGGER disabled_citations_changed AFTER INSERT OR UPDATE OR DELETE ON disabled_citations
                  FOR EACH STATEMENT EXECUTE FUNCTION citation_filter_changed();
              """
            : """
              CREATE TABLE citation_filter_version (id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL);
              INSERT INTO citation_filter_version (id, version) VALUES (1, 0);
              CREATE TRIGGER disabled_citations_inserted AFTER INSERT ON disabled_citations
              BEGIN UPDATE citation_filter_version SET version = version + 1 WHERE id = 1; END;
              CREATE TRIGGER disabled_citations_updated AFTER UPDATE ON disabled_citations
              BEGIN UPDATE citation_filter_version SET version = version + 1 WHERE id = 1; END;
              CREATE TRIGGER disabled_citations_deleted AFTER DELETE ON disabled_citations
              BEGIN UPDATE citation_filter_version SET version = version + 1 WHERE id = 1; END;
              """),

        // The history of one source or excerpt, read by its target.
        new(105, "audit log by target", _ => "CREATE INDEX audit_log_target ON audit_log (target, id);"),

        // Curators mark a wording of unanswered questions as one to add to the knowledge pack.
        new(106, "unanswered questions marked for the pack", _ => """
            CREATE TABLE unanswered_marks (
                question_key TEXT NOT NULL PRIMARY KEY,
                platform TEXT NOT NULL,
                marked_by TEXT NOT NULL,
                marked_at BIGINT NOT NULL
            );
            """),

        // The unanswered questions grouped by wording, with their first and last asking, read from
        // the index alone: the dashboard's page regroups them all on every view.
        new(107, "unanswered questions grouped from an index", _ =>
            "CREATE INDEX unanswered_questions_grouped ON unanswered_questions (question_key, asked_at, language, question);"),

        // An answer found by its message id alone: a Discord thread started from one carries that id
        // as its channel, not the channel the answer was posted in (AnswerLog.ContainsAsync).
        new(108, "answers by message id", _ => "CREATE INDEX answers_message ON answers (platform, message_id);"),

        // A write that waited for the store may be applied again after a crash (it landed, but its
        // mark in the waiting file did not): rows with no natural key carry the write's id, once.
        new(109, "kept writes are applied once", _ => """
            ALTER TABLE unanswered_questions ADD COLUMN write_id TEXT NULL;
            CREATE UNIQUE INDEX unanswered_questions_write ON unanswered_questions (write_id);
            ALTER TABLE audit_log ADD COLUMN write_id TEXT NULL;
            CREATE UNIQUE INDEX audit_log_write ON audit_log (write_id);
            """),

        // Unanswered questions are grouped by similar wording (QuestionWording), no longer by their
        // lower-cased text: rows keyed the old way say so, and UnansweredRekeying keys them anew.
        new(110, "unanswered questions grouped by similar wording", _ => """
            ALTER TABLE unanswered_questions ADD COLUMN key_version INTEGER NOT NULL DEFAULT 1;
            ALTER TABLE unanswered_marks ADD COLUMN key_version INTEGER NOT NULL DEFAULT 1;
            CREATE INDEX unanswered_questions_key_version ON unanswered_questions (key_version);
            """),

        // How long each answer and abstention took (fractional milliseconds; rows from before have
        // none). The overview's percentiles of a UTC day read only that day's timed rows, in duration
        // order, from these indexes (AnswerStatistics.LatencyAsync).
        new(111, "answer times", _ => $"""
            ALTER TABLE answers ADD COLUMN duration_ms DOUBLE PRECISION NULL;
            ALTER TABLE unanswered_questions ADD COLUMN duration_ms DOUBLE PRECISION NULL;
            CREATE INDEX answers_day_duration ON answers ((posted_at / {AnswerStatistics.DayMilliseconds}), duration_ms) WHERE duration_ms IS NOT NULL;
            CREATE INDEX unanswered_questions_day_duration ON unanswered_questions ((asked_at / {AnswerStatistics.DayMilliseconds}), duration_ms) WHERE duration_ms IS NOT NULL;
            """),

        // The story a moderator chose for a channel (/moderate story) where one host serves several;
        // it wins over the channel's entry in the configuration. A channel with no row gets that.
        new(112, "channel stories", _ => """
            CREATE TABLE channel_stories (
                platform   TEXT   NOT NULL,
                channel_id TEXT   NOT NULL,
                story      TEXT   NOT NULL,
                chosen_by  TEXT   NOT NULL,
                chosen_at  BIGINT NOT NULL,
                PRIMARY KEY (platform, channel_id)
            );
            """),

        // The story each answer was given from, for a host that serves several. Rows from before stay
        // NULL, read as the default story (AnswerLog): they were answered when the host served one,
        // and a migration runs before the knowledge packs are loaded, so it cannot name that story.
        new(113, "answers keep their story", _ => "ALTER TABLE answers ADD COLUMN story_id TEXT NULL;"),
    ];
}
