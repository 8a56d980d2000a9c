namespace StoryBot.Core.Conversation;

public static class WorkJournalExtensions
{
    /// <summary>Keeps a request the platform is about to be told was received.</summary>
    /// <param name="key">Unique within <paramref name="platform"/>; a second request with it is a replay.</param>
    /// <param name="answerWithin">How long the platform takes the answer, from now.</param>
    /// <returns>The ticket to carry to the answer, or null when the same request was accepted before.</returns>
    public static async Task<WorkTicket?> TryAcceptAsync(
        this IWorkJournal journal, string platform, string kind, string key, string payload, TimeSpan answerWithin, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        var work = new AcceptedWork(platform + ":" + key, platform, kind, payload, now, now + answerWithin);
        return await journal.TryAcceptAsync(work, cancellationToken) ? new WorkTicket(journal, work) : null;
    }
}
