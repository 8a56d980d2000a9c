using StoryBot.Core.Conversation;
using StoryBot.Slack.Inbound;

namespace StoryBot.Slack.Dispatch;

/// <summary>
/// Slack's requests in the <see cref="IWorkJournal"/>: what each kind is keyed by and until when
/// Slack takes its answer.
/// </summary>
internal sealed class SlackWork(IWorkJournal journal, TimeProvider time)
{
    public const string Platform = "slack";

    /// <summary>A slash command as the HTTP form body.</summary>
    public const string CommandForm = "command-form";

    /// <summary>A slash command as a Socket Mode envelope's JSON payload.</summary>
    public const string CommandJson = "command-json";

    /// <summary>An Events API callback.</summary>
    public const string Event = "event";

    /// <summary>An interactivity payload (a button press, a shortcut, a submitted view).</summary>
    public const string Action = "action";

    /// <summary>Slack takes replies through a response_url for 30 minutes.</summary>
    private static readonly TimeSpan ResponseUrlLifetime = TimeSpan.FromMinutes(30);

    /// <returns>The ticket to carry to the answer, or null when the same request was accepted before.</returns>
    public Task<WorkTicket?> TryAcceptAsync(string kind, string key, string payload, CancellationToken cancellationToken) =>
        journal.TryAcceptAsync(Platform, kind, key, payload, kind == Event ? AcceptedWork.MessageAnswerWindow : ResponseUrlLifetime, time, cancellationToken);

    /// <summary>An event is its event_id (the same on Slack's retries); without one, the request's signature.</summary>
    public static string EventKey(SlackEvent slackEvent, string signature) =>
        "event:" + (slackEvent.EventId.Length > 0 ? slackEvent.EventId : signature);
}
