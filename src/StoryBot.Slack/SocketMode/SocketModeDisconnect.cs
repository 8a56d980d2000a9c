namespace StoryBot.Slack.SocketMode;

/// <summary>The <c>reason</c>s of a Socket Mode <c>disconnect</c> frame that Slack documents.</summary>
internal static class SocketModeDisconnect
{
    /// <summary>About ten seconds' notice that the connection will go.</summary>
    public const string Warning = "warning";

    /// <summary>Slack wants the app to reconnect: it is rotating the connection.</summary>
    public const string RefreshRequested = "refresh_requested";

    /// <summary>Socket Mode was turned off for the app: do not reconnect.</summary>
    public const string LinkDisabled = "link_disabled";

    /// <summary>Whether the reason is a routine rotation, to be replaced at once.</summary>
    public static bool IsRoutine(string reason) => reason is Warning or RefreshRequested;
}
