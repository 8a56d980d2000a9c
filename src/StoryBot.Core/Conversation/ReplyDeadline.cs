namespace StoryBot.Core.Conversation;

/// <summary>
/// Discord and Slack each want a first response within about three seconds: an adapter waits that
/// long for the answer and no longer, then acknowledges and delivers the answer later.
/// </summary>
public static class ReplyDeadline
{
    /// <summary>Whether <paramref name="work"/> has completed by the end of <paramref name="budget"/>.</summary>
    public static async Task<bool> CompletesWithinAsync(Task work, TimeSpan budget, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (work.IsCompleted || budget <= TimeSpan.Zero)
        {
            return work.IsCompleted;
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(work, Task.Delay(budget, time, timer.Token));
        await timer.CancelAsync();
        return work.IsCompleted;
    }
}
