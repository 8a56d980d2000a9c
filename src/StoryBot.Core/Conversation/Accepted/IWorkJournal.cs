namespace StoryBot.Core.Conversation;

/// <summary>
/// Where acknowledged requests are kept until they are answered, so that a crash or a restart loses
/// none and a replayed request is not answered twice. Without durable state it lives in memory: then
/// it still refuses replays, but only while the process runs.
/// </summary>
public interface IWorkJournal
{
    /// <summary>Keeps <paramref name="work"/> before it is acknowledged.</summary>
    /// <returns>False when its key was accepted before (a replay or a redelivery): acknowledge it, but do not answer again.</returns>
    Task<bool> TryAcceptAsync(AcceptedWork work, CancellationToken cancellationToken);

    /// <summary>Notes that the answer is about to be posted: from here on it may be on the platform.</summary>
    Task MarkPostingAsync(string key, CancellationToken cancellationToken);

    /// <summary>The request is answered (or needs no answer); its key is still remembered against replays.</summary>
    Task CompleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Requests accepted but not completed, oldest first.</summary>
    Task<IReadOnlyList<AcceptedWork>> UnfinishedAsync(CancellationToken cancellationToken);

    /// <summary>Forgets completed requests accepted before <paramref name="cutoff"/>; their replays are refused by the signatures' freshness by then.</summary>
    Task<int> ForgetCompletedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
