namespace StoryBot.Core.Platforms;

/// <summary>The turns when there is no shared state: this process spaces its own.</summary>
public sealed class InMemorySpacedTurns : ISpacedTurns
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DateTimeOffset> _nextTurn = new(StringComparer.Ordinal);

    public Task<DateTimeOffset> ClaimAsync(string name, DateTimeOffset earliest, TimeSpan spacing, CancellationToken cancellationToken) =>
        Task.FromResult(Claim(name, earliest, spacing));

    /// <inheritdoc cref="ISpacedTurns.ClaimAsync"/>
    public DateTimeOffset Claim(string name, DateTimeOffset earliest, TimeSpan spacing)
    {
        lock (_lock)
        {
            var turn = _nextTurn.TryGetValue(name, out var next) && next > earliest ? next : earliest;
            _nextTurn[name] = turn + spacing;
            return turn;
        }
    }
}
