namespace StoryBot.Core.Platforms;

/// <summary>
/// Small named values an adapter keeps across restarts to pick a platform connection up where the
/// last run left it (a session to resume, a position in a stream). Without durable state they live
/// in memory and a restart starts afresh. A value is a hint: one that is lost or stale must only
/// cost a fresh start, never an answer.
/// </summary>
public interface IConnectionCheckpoints
{
    /// <returns>The value last written under <paramref name="name"/>, or null when there is none.</returns>
    Task<string?> ReadAsync(string name, CancellationToken cancellationToken);

    /// <summary>Replaces the value under <paramref name="name"/>, committed before the task completes.</summary>
    Task WriteAsync(string name, string value, CancellationToken cancellationToken);
}

/// <summary>The checkpoints when there is no durable state: they last as long as the process.</summary>
public sealed class InMemoryConnectionCheckpoints : IConnectionCheckpoints
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _values = new(StringComparer.Ordinal);

    public Task<string?> ReadAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_values.TryGetValue(name, out var value) ? value : null);

    public Task WriteAsync(string name, string value, CancellationToken cancellationToken)
    {
        _values[name] = value;
        return Task.CompletedTask;
    }
}
