namespace StoryBot.Slack.WebApi;

/// <summary>A Web API call that failed; carries Slack's error code, never a token.</summary>
public sealed class SlackApiException : Exception
{
    public SlackApiException(string method, string error)
        : base($"Slack {method} failed: {error}")
    {
        Method = method;
        Error = error;
    }

    public SlackApiException()
        : this("unknown", "unknown")
    {
    }

    public SlackApiException(string message)
        : this("unknown", message)
    {
    }

    public SlackApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Method = "unknown";
        Error = message;
    }

    public string Method { get; } = "unknown";

    /// <summary>Slack's error code (<c>not_in_channel</c>, <c>ratelimited</c>) or <c>http_503</c>.</summary>
    public string Error { get; } = "unknown";
}
