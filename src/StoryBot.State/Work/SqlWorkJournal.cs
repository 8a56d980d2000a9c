using StoryBot.Core.Conversation;
using StoryBot.State.Moderation;
using StoryBot.State.Storage;

namespace StoryBot.State.Work;

/// <summary>
/// The journal in the state store: a request is written, and committed, before the platform is
/// acknowledged, so a crash after the acknowledgement leaves it here for the next run; its key
/// stays after it is answered, so a replay is refused across restarts and across instances
/// sharing one PostgreSQL. While the store cannot be reached, requests are still accepted and
/// answered: their entries wait in <see cref="DeferredStateWrites"/> (in order), and a replay of
/// one of them is recognised by its waiting entry. Once the store is back but entries still wait,
/// a request is also looked up in the store. A replay, during the outage, of a request this
/// process accepted before it is recognised by <see cref="RecentlyAccepted"/>; one another
/// instance, or an earlier run, accepted is known only to the store.
/// </summary>
internal sealed class SqlWorkJournal(IStateDatabase database, DeferredStateWrites deferred, StoreReachability reachability) : IWorkJournal
{
    internal const string Accepted = "accepted";
    internal const string Posting = "posting";
    internal const string Done = "done";

    private readonly RecentlyAccepted _recent = new();

    public async Task<bool> TryAcceptAsync(AcceptedWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);

        if (_recent.Contains(work.Key))
        {
            return false;
        }

        if (deferred.Pending > 0 && reachability.IsReachable && await IsJournaledAsync(work.Key, cancellationToken))
        {
            return false;
        }

        // True too when the entry has to wait: its waiting entry is what recognises a replay then.
        if (await deferred.RunOnceAsync(AcceptedRequestWrite.Of(work), cancellationToken))
        {
            _recent.Add(work.Key, work.AcceptedAt);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Asked only while earlier writes still wait, when the insert would wait behind them and could
    /// not say whether the store has the key already.
    /// </summary>
    private async Task<bool> IsJournaledAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await database.ReadAsync(
                session => session.ScalarAsync<long>("SELECT COUNT(*) FROM accepted_work WHERE work_key = @key", ("key", key)),
                cancellationToken) > 0;
        }
        catch (StateUnavailableException)
        {
            // Lost again: the waiting entries are all there is to go by.
            return false;
        }
    }

    public Task MarkPostingAsync(string key, CancellationToken cancellationToken) =>
        SetStatusAsync(key, Posting, cancellationToken);

    public Task CompleteAsync(string key, CancellationToken cancellationToken) =>
        SetStatusAsync(key, Done, cancellationToken);

    public Task<IReadOnlyList<AcceptedWork>> UnfinishedAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(
            session => session.QueryAsync(
                """
                SELECT work_key, platform, kind, payload, accepted_at, answer_by, status
                FROM accepted_work WHERE status <> @done ORDER BY accepted_at, work_key
                """,
                reader => new AcceptedWork(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    StateTime.FromStored(reader.GetInt64(4)),
                    StateTime.FromStored(reader.GetInt64(5)))
                {
                    PostingStarted = reader.GetString(6) == Posting,
                },
                ("done", Done)),
            cancellationToken);

    public async Task<int> ForgetCompletedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        try
        {
            return await database.WriteAsync(
                session => session.ExecuteAsync(
                    "DELETE FROM accepted_work WHERE status = @done AND accepted_at < @cutoff",
                    ("done", Done),
                    ("cutoff", cutoff.ToUnixTimeMilliseconds())),
                cancellationToken);
        }
        catch (StateUnavailableException)
        {
            // Nothing is lost by forgetting later; the outage is logged once, by StoreReachability.
            return 0;
        }
    }

    private Task SetStatusAsync(string key, string status, CancellationToken cancellationToken) =>
        deferred.RunAsync(RequestStatusWrite.Of(key, status), cancellationToken);
}
