using StoryBot.Core.Platforms;
using StoryBot.State.Storage;

namespace StoryBot.State.Checkpoints;

/// <summary>
/// Checkpoints in the state store. Not deferred while the store cannot be reached, unlike the
/// journal: a later checkpoint replaces an earlier one, so the caller simply writes again.
/// </summary>
internal sealed class SqlConnectionCheckpoints(IStateDatabase database, TimeProvider time) : IConnectionCheckpoints
{
    public Task<string?> ReadAsync(string name, CancellationToken cancellationToken) =>
        database.ReadAsync(
            session => session.QuerySingleOrDefaultAsync(
                "SELECT value FROM connection_checkpoint WHERE name = @name",
                reader => reader.GetString(0),
                ("name", name)),
            cancellationToken);

    public Task WriteAsync(string name, string value, CancellationToken cancellationToken) =>
        database.WriteAsync(
            session => session.ExecuteAsync(
                """
                INSERT INTO connection_checkpoint (name, value, written_at) VALUES (@name, @value, @at)
                ON CONFLICT (name) DO UPDATE SET value = excluded.value, written_at = excluded.written_at
                """,
                ("name", name),
                ("value", value),
                ("at", time.GetUtcNow().ToUnixTimeMilliseconds())),
            cancellationToken);
}
