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

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    // Keys in the order they were accepted, so forgetting looks only at the oldest entries instead
    // of scanning them all: under a burst the dictionary holds a quarter-hour of requests.
    private readonly ConcurrentQueue<string> _order = new();
    private readonly Lock _forgetting = new();

    public Task<bool> TryAcceptAsync(AcceptedWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        Forget(time.GetUtcNow() - Retention, waitForOthers: false);
        if (!_entries.TryAdd(work.Key, new Entry(work, Done: false)))
        {
            return Task.FromResult(false);
        }

        _order.Enqueue(work.Key);
        return Task.FromResult(true);
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

    public Task<int> ForgetCompletedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        Task.FromResult(Forget(cutoff, waitForOthers: true));

    /// <param name="waitForOthers">False on the way to accepting a request: when another caller is already forgetting, leave it to them.</param>
    private int Forget(DateTimeOffset cutoff, bool waitForOthers)
    {
        if (waitForOthers)
        {
            _forgetting.Enter();
        }
        else if (!_forgetting.TryEnter())
        {
            return 0;
        }

        try
        {
            var forgotten = 0;

            // An unfinished old entry goes to the back of the line and is looked at again later; the
            // count bounds one pass, so such entries cannot keep it going round.
            for (var left = _order.Count; left > 0 && _order.TryPeek(out var key); left--)
            {
                if (!_entries.TryGetValue(key, out var entry))
                {
                    _order.TryDequeue(out _);
                    continue;
                }

                if (entry.Work.AcceptedAt >= cutoff)
                {
                    break;
                }

                _order.TryDequeue(out _);
                if (entry.Done && _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry)))
                {
                    forgotten++;
                }
                else
                {
                    _order.Enqueue(key);
                }
            }

            return forgotten;
        }
        finally
        {
            _forgetting.Exit();
        }
    }


    private void Update(string key, Func<Entry, Entry> change)
    {
        while (_entries.TryGetValue(key, out var entry) && !_entries.TryUpdate(key, change(entry), entry))
        {
        }
    }

    private sealed record Entry(AcceptedWork Work, bool Done);
}
