using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using StoryBot.Slack.Configuration;
using StoryBot.Slack.Inbound;
using StoryBot.Slack.Rendering;

namespace StoryBot.Slack.WebApi;

/// <summary>
/// The one way out to Slack: Web API methods and response_url posts, with bounded retries on 429
/// (honouring Retry-After) and 5xx, per-channel pacing, and a dead token switching Slack off.
/// Tokens only ever travel in the Authorization header; they never reach a log line or exception.
/// </summary>
/// <remarks>More than five constructor parameters on purpose: the one way out to Slack: HTTP, pacing, the platform switch and the retry policy; options and logger are ambient.</remarks>
internal sealed class SlackApiClient(
    IHttpClientFactory httpClientFactory,
    IOptions<SlackOptions> options,
    ChannelPacer pacer,
    SlackPlatformState platform,
    SlackRetryPolicy retries,
    ILogger<SlackApiClient> logger)
{
    public const string HttpClientName = "StoryBot.Slack";

    private static readonly HashSet<string> DeadTokenErrors = new(StringComparer.Ordinal)
    {
        "invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive",
    };

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

        var response = await CallBotAsync("chat.postMessage", body, turnTaken ? null : channelId, cancellationToken);
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
        var response = await CallAsync("conversations.history", "Slack:BotToken", options.Value.BotToken, form, null, cancellationToken);
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
        await CallBotAsync("chat.update", body, channelId, cancellationToken);
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

        await CallBotAsync("chat.postEphemeral", body, turnTaken ? null : channelId, cancellationToken);
    }

    /// <summary>Learns the bot's own user id, so its own messages are never answered.</summary>
    public async Task<string> AuthTestAsync(CancellationToken cancellationToken)
    {
        var response = await CallBotAsync("auth.test", new JsonObject(), null, cancellationToken);
        return response.TryGetProperty("user_id", out var user) && user.GetString() is { Length: > 0 } id
            ? id
            : throw new SlackApiException("auth.test", "missing_user_id");
    }

    /// <summary>Asks for a Socket Mode WebSocket URL, using the app-level token.</summary>
    public async Task<Uri> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var response = await CallAsync("apps.connections.open", "Slack:AppToken", options.Value.AppToken, null, null, cancellationToken);
        return response.TryGetProperty("url", out var url) && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri)
            ? uri
            : throw new SlackApiException("apps.connections.open", "missing_url");
    }

    /// <summary>Answers a slash command or an interaction through its response_url (no token needed).</summary>
    public async Task PostToResponseUrlAsync(Uri responseUrl, SlackMessage message, CancellationToken cancellationToken)
    {
        ThrowIfDisabled("response_url");
        var body = message.ToPayload();
        body["response_type"] = message.Ephemeral ? "ephemeral" : "in_channel";
        body["replace_original"] = false;
        using var response = await SendWithRetriesAsync("response_url", responseUrl, null, body, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SlackApiException("response_url", $"http_{(int)response.StatusCode}");
        }
    }

    private Task<JsonElement> CallBotAsync(string method, JsonObject body, string? pacedChannel, CancellationToken cancellationToken) =>
        CallAsync(method, "Slack:BotToken", options.Value.BotToken, body, pacedChannel, cancellationToken);

    /// <param name="body">A JSON body, or a form (the reading methods take no JSON).</param>
    private async Task<JsonElement> CallAsync(
        string method, string tokenKey, string? token, object? body, string? pacedChannel, CancellationToken cancellationToken)
    {
        ThrowIfDisabled(method);
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new SlackApiException(method, $"{tokenKey} is not set");
        }

        if (pacedChannel is not null)
        {
            await pacer.WaitTurnAsync(pacedChannel, cancellationToken);
        }

        using var response = await SendWithRetriesAsync(method, MethodUrl(options.Value.ApiBaseUrl, method), token, body, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SlackApiException(method, $"http_{(int)response.StatusCode}");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        var root = document.RootElement.Clone();
        if (root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True)
        {
            return root;
        }

        var error = root.TryGetProperty("error", out var code) ? code.GetString() ?? "unknown_error" : "unknown_error";
        if (DeadTokenErrors.Contains(error))
        {
            platform.Disable(tokenKey, method, error);
        }

        throw new SlackApiException(method, error);
    }

    private async Task<HttpResponseMessage> SendWithRetriesAsync(
        string method, Uri url, string? token, object? body, CancellationToken cancellationToken)
    {
        var payload = (body as JsonObject)?.ToJsonString();
        var form = body as IReadOnlyDictionary<string, string>;
        var http = httpClientFactory.CreateClient(HttpClientName);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(SlackRetryPolicy.MethodKey, method);
        context.Properties.Set(SlackRetryPolicy.CreatesMessageKey, CreatesMessage(method));
        HttpResponseMessage response;
        try
        {
            response = await retries.Pipeline.ExecuteAsync(
                static async (context, state) =>
                {
                    // A request message is sent once: every attempt builds its own.
                    using var request = new HttpRequestMessage(HttpMethod.Post, state.url);
                    if (state.token is not null)
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", state.token);
                    }

                    request.Content = state.payload is not null
                        ? new StringContent(state.payload, Encoding.UTF8, "application/json")
                        : new FormUrlEncodedContent(state.form ?? new Dictionary<string, string>());
                    return await state.http.SendAsync(request, context.CancellationToken);
                },
                context,
                (url, token, payload, form, http));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            response.Dispose();
            throw new SlackApiException(method, "ratelimited");
        }

        if ((int)response.StatusCode >= 500 && CreatesMessage(method))
        {
            logger.LogWarning(
                "Slack {Method} answered {Status}: the message may or may not have been posted; not sent again, so it is never posted twice",
                method, (int)response.StatusCode);
        }

        return response;
    }

    private static bool CreatesMessage(string method) => method is "chat.postMessage" or "chat.postEphemeral" or "response_url";

    /// <summary>
    /// The method's URL under the base, with or without its trailing slash (a bare
    /// <c>new Uri(base, method)</c> would turn <c>https://slack.com/api</c> into <c>https://slack.com/chat.postMessage</c>).
    /// </summary>
    internal static Uri MethodUrl(Uri apiBaseUrl, string method) =>
        new(apiBaseUrl.AbsoluteUri.EndsWith('/') ? apiBaseUrl : new Uri(apiBaseUrl.AbsoluteUri + "/"), method);

    private void ThrowIfDisabled(string method)
    {
        if (platform.IsDisabled)
        {
            throw new SlackApiException(method, "slack_disabled");
        }
    }
}
