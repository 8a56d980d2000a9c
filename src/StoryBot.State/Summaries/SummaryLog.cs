using Microsoft.Extensions.Logging;

namespace StoryBot.State.Summaries;

/// <summary>Every line the summaries write, worded for the person who has to act on it.</summary>
internal static partial class SummaryLog
{
    // Type and message only: posters keep tokens out of their exception messages, and a stack
    // trace does not tell an operator what to fix.
    public static string Error(Exception ex) => $"{ex.GetType().Name}: {ex.Message}";

    /// <summary>
    /// Whether <paramref name="ex"/> is a failure to log and recover from, rather than the stop
    /// the caller asked for through <paramref name="cancellationToken"/>.
    /// </summary>
    public static bool IsFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested;

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information,
        Message = "Summaries: {Count} schedule(s) active on instance {Instance}; catch-up window {Window}.")]
    public static partial void Started(ILogger logger, int count, string instance, TimeSpan window);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error,
        Message = "Summary schedule {Schedule} posts to platform {Platform}, but no poster for {Platform} is registered: its slots will be recorded as failed. Configure the {Platform} adapter or change Summaries:Schedules for {Schedule}.")]
    public static partial void NoPoster(ILogger logger, string schedule, string platform);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Information,
        Message = "Posted the {Language} summary of schedule {Schedule} to {Platform} channel {ChannelId} for slot {Slot} (message {MessageId}, {Citations} citations, pack {PackVersion}).")]
    public static partial void Posted(ILogger logger, string language, string schedule, string platform, string channelId, string slot, string messageId, int citations, string packVersion);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Warning,
        Message = "Posting the summary of schedule {Schedule} to {Platform} channel {ChannelId} for slot {Slot} failed on attempt {Attempt}: {Error}. Next attempt at {RetryAt:u}.")]
    public static partial void Retrying(ILogger logger, string schedule, string platform, string channelId, string slot, int attempt, string error, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Error,
        Message = "Gave up on the summary of schedule {Schedule} for {Platform} channel {ChannelId}, slot {Slot}, after {Attempts} attempt(s); last error: {Error}. Recorded as failed; the next slot posts as usual. Check that the bot is connected to {Platform}, that its token is valid, and that it may post in channel {ChannelId}.")]
    public static partial void Failed(ILogger logger, string schedule, string platform, string channelId, string slot, int attempts, string error);

    [LoggerMessage(EventId = 6013, Level = LogLevel.Warning,
        Message = "Skipped the summary of schedule {Schedule} for {Platform} channel {ChannelId}, slot {Slot}: {Reason}.")]
    public static partial void Skipped(ILogger logger, string schedule, string platform, string channelId, string slot, string reason);

    [LoggerMessage(EventId = 6014, Level = LogLevel.Warning,
        Message = "Slot {Slot} of schedule {Schedule} was claimed by {Owner}, which stopped before recording a post; taking it over and posting now. If {Owner} stopped right after its post reached {Platform} channel {ChannelId}, the channel shows this summary twice.")]
    public static partial void TakingOver(ILogger logger, string slot, string schedule, string? owner, string platform, string channelId);

    [LoggerMessage(EventId = 6015, Level = LogLevel.Warning,
        Message = "Slot {Slot} of schedule {Schedule} was claimed by {Owner}, which stopped before recording a post, and the slot is past its catch-up window: recorded as skipped. The summary may or may not have reached {Platform} channel {ChannelId}.")]
    public static partial void ExpiredClaimSkipped(ILogger logger, string slot, string schedule, string? owner, string platform, string channelId);

    [LoggerMessage(EventId = 6016, Level = LogLevel.Warning,
        Message = "Posted slot {Slot} of schedule {Schedule} to {Platform} channel {ChannelId} (message {MessageId}), but another instance had taken the claim over meanwhile, so the channel may show this summary twice. Raise Summaries:ClaimLease above the slowest post.")]
    public static partial void ClaimLost(ILogger logger, string slot, string schedule, string platform, string channelId, string messageId);

    [LoggerMessage(EventId = 6017, Level = LogLevel.Error,
        Message = "The summary ledger could not be read or written while handling slot {Slot} of schedule {Schedule}: {Error}. Trying again every minute: the slot is handled once the ledger is back, or recorded as skipped if that is past Summaries:CatchUpWindow. Check Storage:ConnectionString and that the database is reachable.")]
    public static partial void LedgerUnavailable(ILogger logger, string slot, string schedule, string error);

    [LoggerMessage(EventId = 6020, Level = LogLevel.Information,
        Message = "The summary ledger is reachable again: slot {Slot} of schedule {Schedule} is handled now, {Late} after its time.")]
    public static partial void LedgerReachedAgain(ILogger logger, string slot, string schedule, TimeSpan late);

    [LoggerMessage(EventId = 6018, Level = LogLevel.Warning,
        Message = "Could not hand back the summary claims waiting for a retry while stopping ({Error}: {Message}); another instance takes them over when their lease runs out (Summaries:ClaimLease).")]
    public static partial void ReleaseFailed(ILogger logger, string error, string message);

    [LoggerMessage(EventId = 6019, Level = LogLevel.Warning,
        Message = "Posted slot {Slot} of schedule {Schedule} to {Platform} channel {ChannelId} (message {MessageId}), but could not record it with the answers ({Error}); readers cannot report it and it is not corrected if a moderator withdraws one of its quotes.")]
    public static partial void AnswerNotRecorded(ILogger logger, string slot, string schedule, string platform, string channelId, string messageId, string error);
}
