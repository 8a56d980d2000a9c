using System.Collections.Concurrent;

namespace StoryBot.Core.Conversation;

/// <summary>
/// The journal when there is no durable state: replays are refused while the process runs, and
/// nothing survives a restart. Completed keys are forgotten after <see cref="Retention"/>, past the
/// platforms' five-minute signature freshness.
/// </summary>
public sealed class InMemoryWorkJournal(TimeProvider time) : IWorkJournal
{
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(15);
    private const int PruneEvery = 1024;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private int _sincePrune;

    public Task<bool> TryAcceptAsync(AcceptedWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (Interlocked.Increment(ref _sincePrune) >= PruneEvery)
        {
            Interlocked.Exchange(ref _sincePrune, 0);
            _ = ForgetCompletedBeforeAsync(time.GetUtcNow() - Retention, cancellationToken);
        }

        return Task.FromResult(_entries.TryAdd(work.Key, new Entry(work, Done: false)));
    }

    public Task MarkPostingAsync(string key, CancellationToken cancellationToken)
    {
        Update(key, entry => entry with { Work = entry.Work with { PostingStarted = true } });
        return Task.CompletedTask;
    }

    public Task CompleteAsync(string key, CancellationToken cancellationToken)
    {
        // Only the key is needed against replays: the payload goes with the work.
        Update(key, entry => entry with { Work = entry.Work with { Payload = string.Empty }, Done = true });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AcceptedWork>> UnfinishedAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AcceptedWork>>([.. _entries.Values.Where(e => !e.Done).Select(e => e.Work).OrderBy(w => w.AcceptedAt)]);

    public Task<int> ForgetCompletedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var forgotten = 0;
        foreach (var (key, entry) in _entries)
        {
            if (entry.Done && entry.Work.AcceptedAt < cutoff && _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry)))
            {
                forgotten++;
            }
        }

        return Task.FromResult(forgotten);
    }

    private void Update(string key, Func<Entry, Entry> change)
    {
        while (_entries.TryGetValue(key, out var entry) && !_entries.TryUpdate(key, change(entry), entry))
        {
        }
    }

    private sealed record Entry(AcceptedWork Work, bool Done);
}
