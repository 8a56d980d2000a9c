namespace StoryBot.Core.Conversation;

/// <summary>
/// How many readers' reports wait for a moderator, for the surfaces that show moderators the
/// figure (Slack's Home tab). Implemented by durable state; without it there is no reports queue.
/// </summary>
public interface IOpenReports
{
    /// <summary>Raised after a report is filed or resolved in this process.</summary>
    event EventHandler? Changed;

    Task<int> CountAsync(CancellationToken cancellationToken);
}
