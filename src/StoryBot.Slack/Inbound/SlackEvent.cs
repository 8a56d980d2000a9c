using System.Text.Json;

namespace StoryBot.Slack.Inbound;

/// <summary>The inner <c>event</c> of an Events API callback that the bot may answer.</summary>
/// <param name="ThreadTs">For a message in a thread, the ts of the thread's parent (the parent itself carries its own ts).</param>
/// <param name="ParentUserId">For a reply in a thread, who wrote the thread's parent.</param>
internal sealed record SlackEvent(
    string EventId,
    string Type,
    string? Subtype,
    string? ChannelType,
    string? ChannelId,
    string? UserId,
    string? BotId,
    string Text,
    string? Ts,
    string? ThreadTs,
    string? Tab = null,
    string? ParentUserId = null)
{
    public bool IsMention => Type == "app_mention";

    public bool IsDirectMessage => Type == "message" && ChannelType == "im";

    /// <summary>The user opened the app's Home tab (<c>app_home_opened</c> also fires for its Messages and About tabs).</summary>
    public bool IsHomeOpened => Type == "app_home_opened" && Tab == "home";

    /// <summary>Reads an <c>event_callback</c> body (the same shape over HTTP and in a socket envelope).</summary>
    public static SlackEvent? FromCallback(JsonElement callback)
    {
        if (callback.GetStringOrNull("type") != "event_callback")
        {
            return null;
        }

        var inner = callback.GetObjectOrDefault("event");
        var type = inner.GetStringOrNull("type");
        if (type is null)
        {
            return null;
        }

        return new SlackEvent(
            callback.GetStringOrEmpty("event_id"),
            type,
            inner.GetStringOrNull("subtype"),
            inner.GetStringOrNull("channel_type"),
            inner.GetStringOrNull("channel"),
            inner.GetStringOrNull("user"),
            inner.GetStringOrNull("bot_id"),
            inner.GetStringOrEmpty("text"),
            inner.GetStringOrNull("ts"),
            inner.GetStringOrNull("thread_ts"),
            inner.GetStringOrNull("tab"),
            inner.GetStringOrNull("parent_user_id"));
    }
}
