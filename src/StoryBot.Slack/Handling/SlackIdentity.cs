namespace StoryBot.Slack.Handling;

/// <summary>Who the bot is on Slack, learnt from <c>auth.test</c> at start.</summary>
internal sealed class SlackIdentity
{
    /// <summary>
    /// How long an event that needs the bot's user id waits for <c>auth.test</c>; after that it is
    /// read without it, as when Slack cannot be reached.
    /// </summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TaskCompletionSource _known = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string? _botUserId;

    public string? BotUserId => _botUserId;

    public void SetBotUserId(string userId)
    {
        _botUserId = userId;
        _known.TrySetResult();
    }

    /// <summary>Waits, at most <see cref="Patience"/>, until the bot's user id is known.</summary>
    public async Task WhenKnownAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        if (_known.Task.IsCompleted)
        {
            return;
        }

        try
        {
            await _known.Task.WaitAsync(Patience, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Slack has not said yet: the event is read as well as it can be without it.
        }
    }
}
