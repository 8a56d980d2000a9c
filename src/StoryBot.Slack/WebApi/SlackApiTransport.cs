using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using StoryBot.Slack.Configuration;

namespace StoryBot.Slack.WebApi;

/// <summary>
/// One call out to Slack: the platform switch and the token checked first, the channel's turn
/// taken, the request sent with bounded retries on 429 (honouring Retry-After) and 5xx, and
/// Slack's <c>ok</c>/<c>error</c> read back, a dead token switching Slack off. Tokens only ever
/// travel in the Authorization header; they never reach a log line or exception.
/// </summary>
/// <param name="logger">Shares the client's category, so one log filter still shows every Web API line.</param>
/// <remarks>Six constructor parameters on purpose: the one way out to Slack needs HTTP, pacing, the platform switch and the retry policy; options and logger are ambient.</remarks>
internal sealed class SlackApiTransport(
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

    /// <summary>Calls a Web API method and returns Slack's answer when it says <c>ok</c>.</summary>
    /// <param name="body">A JSON body, or a form (the reading methods take no JSON).</param>
    /// <param name="pacedChannel">The channel whose turn to wait for, or null when the caller took it or none is needed.</param>
    public async Task<JsonElement> CallAsync(
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
        ThrowUnlessSuccess(method, response);
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

    /// <summary>Posts a JSON body to a URL Slack gave out (a response_url), which needs no token.</summary>
    public async Task PostToUrlAsync(string method, Uri url, JsonObject body, CancellationToken cancellationToken)
    {
        ThrowIfDisabled(method);
        using var response = await SendWithRetriesAsync(method, url, null, body, cancellationToken);
        ThrowUnlessSuccess(method, response);
    }

    /// <summary>
    /// The method's URL under the base, with or without its trailing slash (a bare
    /// <c>new Uri(base, method)</c> would turn <c>https://slack.com/api</c> into <c>https://slack.com/chat.postMessage</c>).
    /// </summary>
    internal static Uri MethodUrl(Uri apiBaseUrl, string method) =>
        new(apiBaseUrl.AbsoluteUri.EndsWith('/') ? apiBaseUrl : new Uri(apiBaseUrl.AbsoluteUri + "/"), method);

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

    private static void ThrowUnlessSuccess(string method, HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new SlackApiException(method, $"http_{(int)response.StatusCode}");
        }
    }

    private void ThrowIfDisabled(string method)
    {
        if (platform.IsDisabled)
        {
            throw new SlackApiException(method, "slack_disabled");
        }
    }
}
