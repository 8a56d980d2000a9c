namespace StoryBot.Slack.SocketMode;

internal enum ConnectionEndKind
{
    /// <summary>We closed it (refresh done, or the host is stopping).</summary>
    Stopped,

    /// <summary>Slack closed it with a close frame.</summary>
    Closed,

    /// <summary>The TCP connection died without a close frame, or a keep-alive ping went unanswered.</summary>
    Dropped,

    /// <summary>Socket Mode was turned off for the app: do not reconnect.</summary>
    LinkDisabled,
}

internal sealed record ConnectionEnd(ConnectionEndKind Kind, string Detail);
