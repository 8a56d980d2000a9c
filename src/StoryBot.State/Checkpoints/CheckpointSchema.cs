using StoryBot.State.Storage;

namespace StoryBot.State.Checkpoints;

/// <summary>Connection checkpoints and spaced turns (versions 400-499); times are unix milliseconds.</summary>
internal sealed class CheckpointSchema : IStateMigrations
{
    public IEnumerable<StateMigration> Migrations { get; } =
    [
        new(400, "connection checkpoints", _ => """
            CREATE TABLE IF NOT EXISTS connection_checkpoint (
                name       TEXT   NOT NULL PRIMARY KEY,
                value      TEXT   NOT NULL,
                written_at BIGINT NOT NULL
            );
            """),
        new(401, "spaced turns", _ => """
            CREATE TABLE IF NOT EXISTS spaced_turns (
                name      TEXT   NOT NULL PRIMARY KEY,
                next_turn BIGINT NOT NULL
            );
            """),
    ];
}
