using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using StoryBot.Core.Telemetry;
using StoryBot.Slack.Configuration;
using StoryBot.Slack.Dispatch;
using StoryBot.Slack.Inbound;
using StoryBot.Slack.Rendering;

namespace StoryBot.Slack.WebApi;

/// <summary>
/// The Web API methods StoryBot uses, and response_url posts, in StoryBot's terms: what each
/// sends and what it reads back. How a call reaches Slack (pacing, retries, the platform switch)
/// is <see cref="SlackApiTransport"/>'s. Every post, edit and response_url reply is a <c>post</c> span,
/// and its failures are counted by Slack's error code.
/// </summary>
internal sealed class SlackApiClient(SlackApiTransport transport, StoryBotTelemetry telemetry, IOptions<SlackOptions> options)
{
    /// <summary>The metadata event type that marks a message as the answer to one accepted request.</summary>
    public const string ReplyEventType = "storybot_reply";

    /// <summary>Posts a message and returns its <c>ts</c>, the id Slack gives it.</summary>
    /// <param name="workKey">The accepted request it answers, carried in the message's metadata so a later run can find it.</param>
    /// <param name="turnTaken">The caller already took the channel's turn (<see cref="ChannelPacer.TryTake"/>).</param>
    public async Task<string> PostMessageAsync(
        string channelId, SlackMessage message, string? threadTs, CancellationToken cancellationToken, string? workKey = null, bool turnTaken = false)
    {
        var body = message.ToPayload();
        body["channel"] = channelId;
        if (threadTs is not null)
        {
            body["thread_ts"] = threadTs;
        }

        if (workKey is not null)
        {
            body["metadata"] = new JsonObject
            {
                ["event_type"] = ReplyEventType,
                ["event_payload"] = new JsonObject { ["work"] = workKey },
            };
        }

        var response = await PostAsync("chat.postMessage", body, turnTaken ? null : channelId, cancellationToken);
        return response.TryGetProperty("ts", out var ts) && ts.GetString() is { Length: > 0 } id
            ? id
            : throw new SlackApiException("chat.postMessage", "missing_ts");
    }

    /// <summary>
    /// The <c>ts</c> of the message the bot posted in <paramref name="channelId"/> since
    /// <paramref name="since"/> as the answer to <paramref name="workKey"/>, found by its metadata
    /// in the channel's history; null when there is none.
    /// </summary>
    public async Task<string?> FindPostedReplyAsync(string channelId, string workKey, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["channel"] = channelId,
            ["oldest"] = (since.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture),
            ["include_all_metadata"] = "true",
            ["limit"] = "200",
        };
        var response = await transport.CallAsync("conversations.history", "Slack:BotToken", options.Value.BotToken, form, null, cancellationToken);
        if (!response.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var posted in messages.EnumerateArray())
        {
            if (posted.TryGetProperty("metadata", out var metadata)
                && metadata.GetStringOrEmpty("event_type") == ReplyEventType
                && metadata.GetObjectOrDefault("event_payload").GetStringOrEmpty("work") == workKey
                && posted.GetStringOrEmpty("ts") is { Length: > 0 } ts)
            {
                return ts;
            }
        }

        return null;
    }

    /// <summary>Replaces the content of a message the bot posted earlier.</summary>
    public async Task UpdateMessageAsync(string channelId, string messageTs, SlackMessage message, CancellationToken cancellationToken)
    {
        var body = message.ToPayload();
        body["channel"] = channelId;
        body["ts"] = messageTs;
        await PostAsync("chat.update", body, channelId, cancellationToken);
    }

    /// <summary>A message only <paramref name="userId"/> sees.</summary>
    /// <param name="turnTaken">The caller already took the channel's turn (<see cref="ChannelPacer.TryTake"/>).</param>
    public async Task PostEphemeralAsync(
        string channelId, string userId, SlackMessage message, string? threadTs, CancellationToken cancellationToken, bool turnTaken = false)
    {
        var body = message.ToPayload();
        body["channel"] = channelId;
        body["user"] = userId;
        if (threadTs is not null)
        {
            body["thread_ts"] = threadTs;
        }

        await PostAsync("chat.postEphemeral", body, turnTaken ? null : channelId, cancellationToken);
    }

    /// <summary>A reply to an interaction only its user sees: through its response_url where it has one, else chat.postEphemeral.</summary>
    public async Task PostPrivateReplyAsync(
        string channelId, string userId, string? threadTs, Uri? responseUrl, SlackMessage message, CancellationToken cancellationToken)
    {
        if (responseUrl is not null)
        {
            await PostToResponseUrlAsync(responseUrl, message, cancellationToken);
        }
        else
        {
            await PostEphemeralAsync(channelId, userId, message, threadTs, cancellationToken);
        }
    }

    /// <summary>Opens a modal view for the user whose interaction gave <paramref name="triggerId"/> (valid for 3 seconds).</summary>
    public async Task OpenViewAsync(string triggerId, JsonObject view, CancellationToken cancellationToken) =>
        await CallBotAsync("views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = view }, null, cancellationToken);

    /// <summary>Shows <paramref name="view"/> (of type <c>home</c>) as <paramref name="userId"/>'s Home tab of the app, replacing what it showed.</summary>
    public async Task PublishViewAsync(string userId, JsonObject view, CancellationToken cancellationToken) =>
        await CallBotAsync("views.publish", new JsonObject { ["user_id"] = userId, ["view"] = view }, null, cancellationToken);

    /// <summary>Learns the bot's own user id, so its own messages are never answered.</summary>
    public async Task<string> AuthTestAsync(CancellationToken cancellationToken)
    {
        var response = await CallBotAsync("auth.test", new JsonObject(), null, cancellationToken);
        return response.TryGetProperty("user_id", out var user) && user.GetString() is { Length: > 0 } id
            ? id
            : throw new SlackApiException("auth.test", "missing_user_id");
    }

    /// <summary>The web address that opens a message (<c>chat.getPermalink</c>; no scope needed).</summary>
    public async Task<string> PermalinkAsync(string channelId, string ts, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string> { ["channel"] = channelId, ["message_ts"] = ts };
        var response = await transport.CallAsync("chat.getPermalink", "Slack:BotToken", options.Value.BotToken, form, null, cancellationToken);
        return response.GetStringOrNull("permalink") is { Length: > 0 } permalink
            ? permalink
            : throw new SlackApiException("chat.getPermalink", "missing_permalink");
    }

    /// <summary>The locale a user chose in Slack ("de-DE", "en-US"), or null when Slack does not say.</summary>
    public async Task<string?> UserLocaleAsync(string userId, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string> { ["user"] = userId, ["include_locale"] = "true" };
        var response = await transport.CallAsync("users.info", "Slack:BotToken", options.Value.BotToken, form, null, cancellationToken);
        return response.GetObjectOrDefault("user").GetStringOrNull("locale");
    }

    /// <summary>The members of a user group (<c>usergroups.users.list</c>).</summary>
    public async Task<IReadOnlyList<string>> UserGroupMembersAsync(string groupId, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string> { ["usergroup"] = groupId };
        var response = await transport.CallAsync("usergroups.users.list", "Slack:BotToken", options.Value.BotToken, form, null, cancellationToken);
        return response.TryGetProperty("users", out var users) && users.ValueKind == JsonValueKind.Array
            ? [.. users.EnumerateArray().Select(u => u.GetString()).OfType<string>()]
            : throw new SlackApiException("usergroups.users.list", "missing_users");
    }

    /// <summary>Asks for a Socket Mode WebSocket URL, using the app-level token.</summary>
    public async Task<Uri> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var response = await transport.CallAsync("apps.connections.open", "Slack:AppToken", options.Value.AppToken, null, null, cancellationToken);
        return response.TryGetProperty("url", out var url) && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri)
            ? uri
            : throw new SlackApiException("apps.connections.open", "missing_url");
    }

    /// <summary>Answers a slash command or an interaction through its response_url (no token needed).</summary>
    public async Task PostToResponseUrlAsync(Uri responseUrl, SlackMessage message, CancellationToken cancellationToken)
    {
        var body = message.ToPayload();
        body["response_type"] = message.Ephemeral ? "ephemeral" : "in_channel";
        body["replace_original"] = false;
        await telemetry.PostAsync(SlackWork.Platform, () => transport.PostToUrlAsync("response_url", responseUrl, body, cancellationToken), SlackPostFailure.ReasonOf);
    }

    private Task<JsonElement> PostAsync(string method, JsonObject body, string? pacedChannel, CancellationToken cancellationToken) =>
        telemetry.PostAsync(SlackWork.Platform, () => CallBotAsync(method, body, pacedChannel, cancellationToken), SlackPostFailure.ReasonOf);

    private Task<JsonElement> CallBotAsync(string method, JsonObject body, string? pacedChannel, CancellationToken cancellationToken) =>
        transport.CallAsync(method, "Slack:BotToken", options.Value.BotToken, body, pacedChannel, cancellationToken);
}
