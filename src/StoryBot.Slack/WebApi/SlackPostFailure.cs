namespace StoryBot.Slack.WebApi;

/// <summary>Why a post to Slack failed, as the posting-failures counter tags it: Slack's error code, never a token or a URL.</summary>
internal static class SlackPostFailure
{
    /// <returns>Slack's error code (<c>not_in_channel</c>, <c>http_503</c>), else what kind of failure; null for a cancellation, which is no failure of Slack's.</returns>
    public static string? ReasonOf(Exception exception) => exception switch
    {
        OperationCanceledException => null,
        SlackApiException slack => slack.Error,
        HttpRequestException => "unreachable",
        _ => exception.GetType().Name,
    };
}
