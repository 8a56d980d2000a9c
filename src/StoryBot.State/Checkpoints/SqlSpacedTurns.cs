using Microsoft.Extensions.Logging;
using StoryBot.Core.Platforms;
using StoryBot.State.Storage;

namespace StoryBot.State.Checkpoints;

/// <summary>
/// Turns claimed in the state store, one statement each, so that every process on it sees the
/// others' claims. The turns are in each process's own clock: hosts sharing a store are expected
/// to keep theirs in step (NTP), as the spacing is seconds.
/// </summary>
/// <remarks>
/// While the store cannot be reached, this process spaces its own turns: a turn may then come
/// closer to another process's than the limit asks, which the platform refuses and the caller
/// retries, rather than no connection being made at all.
/// </remarks>
internal sealed partial class SqlSpacedTurns(IStateDatabase database, ILogger<SqlSpacedTurns> logger) : ISpacedTurns
{
    private readonly InMemorySpacedTurns _ownTurns = new();

    public async Task<DateTimeOffset> ClaimAsync(string name, DateTimeOffset earliest, TimeSpan spacing, CancellationToken cancellationToken)
    {
        try
        {
            var earliestMs = earliest.ToUnixTimeMilliseconds();
            var spacingMs = (long)spacing.TotalMilliseconds;
            var next = await database.WriteAsync(
                session => session.QuerySingleOrDefaultAsync(
                    """
                    INSERT INTO spaced_turns (name, next_turn) VALUES (@name, @next)
                    ON CONFLICT (name) DO UPDATE SET next_turn =
                        CASE WHEN spaced_turns.next_turn > @earliest THEN spaced_turns.next_turn ELSE @earliest END + @spacing
                    RETURNING next_turn
                    """,
                    reader => reader.GetInt64(0),
                    ("name", name),
                    ("next", earliestMs + spacingMs),
                    ("earliest", earliestMs),
                    ("spacing", spacingMs)),
                cancellationToken);
            return DateTimeOffset.FromUnixTimeMilliseconds(next - spacingMs);
        }
        catch (StateUnavailableException)
        {
            LogSpacedAlone(name);
            return _ownTurns.Claim(name, earliest, spacing);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The state store cannot be reached: the turn for {Name} is spaced by this process alone")]
    private partial void LogSpacedAlone(string name);
}
