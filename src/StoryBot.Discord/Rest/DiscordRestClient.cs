using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Discord.Configuration;

namespace StoryBot.Discord.Rest;

/// <summary>
/// Every Discord REST call goes through here: bucket-aware waits, 429s honoured, bounded retries
/// on 5xx and timeouts, no retry on 401/403, and a 401 that disables the platform for good.
/// Logs name the redacted route only; the token never leaves the Authorization header.
/// </summary>
internal sealed class DiscordRestClient(
    IHttpClientFactory httpClientFactory,
    DiscordRateLimiter rateLimiter,
    DiscordPlatformStatus status,
    IOptions<DiscordOptions> options,
    DiscordTimings timings,
    TimeProvider time,
    ILogger<DiscordRestClient> logger)
{
    public const string HttpClientName = "StoryBot.Discord";

    private static readonly string Version =
        typeof(DiscordRestClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0";

    public Task<JsonElement?> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public async Task<JsonElement?> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var route = new DiscordRoute(method, path);
        var payload = body is null ? null : DiscordJson.Serialize(body);
        var failures = 0;
        var rateLimited = 0;
        while (true)
        {
            if (status.IsDisabled)
            {
                throw new DiscordRestException($"Discord is disabled ({status.Reason}); {route.Redacted} was not sent", HttpStatusCode.Unauthorized, null);
            }

            await rateLimiter.WaitAsync(route, cancellationToken);
            HttpResponseMessage response;
            using (var timeout = new CancellationTokenSource(options.Value.RestTimeout, time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            {
                try
                {
                    using var request = BuildRequest(method, path, payload);
                    response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, linked.Token);
                }
                catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    await BackOffAsync(route, ++failures, ex.GetType().Name, null, ex, cancellationToken);
                    continue;
                }
            }

            using (response)
            {
                rateLimiter.Update(route, response.Headers);
                if (response.IsSuccessStatusCode)
                {
                    return await ReadJsonAsync(response, cancellationToken);
                }

                switch (response.StatusCode)
                {
                    case HttpStatusCode.TooManyRequests:
                        await OnRateLimitedAsync(route, response, ++rateLimited, cancellationToken);
                        continue;
                    case HttpStatusCode.Unauthorized when !IsTokenRoute(path):
                        status.Disable($"Discord answered 401 Unauthorized to {route.Redacted}: the bot token is invalid or revoked; check Discord:Token");
                        throw await FailureAsync(route, response, cancellationToken);
                    case >= HttpStatusCode.InternalServerError:
                        await BackOffAsync(route, ++failures, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), response.StatusCode, null, cancellationToken);
                        continue;
                    default:
                        throw await FailureAsync(route, response, cancellationToken);
                }
            }
        }
    }

    private HttpRequestMessage BuildRequest(HttpMethod method, string path, byte[]? payload)
    {
        var settings = options.Value;
        var request = new HttpRequestMessage(method, new Uri(settings.ApiBaseUrl.TrimEnd('/') + "/" + path));
        request.Headers.TryAddWithoutValidation("User-Agent", $"DiscordBot ({settings.UserAgentUrl}, {Version})");
        if (settings.HasToken && !IsTokenRoute(path))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", settings.Token);
        }

        if (payload is not null)
        {
            request.Content = new ByteArrayContent(payload);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return request;
    }

    // Interaction callbacks and webhooks authenticate with the interaction token in the path; a
    // 401 there means an expired interaction, not a dead bot token.
    private static bool IsTokenRoute(string path) =>
        path.StartsWith("interactions/", StringComparison.Ordinal) || path.StartsWith("webhooks/", StringComparison.Ordinal);

    private async Task OnRateLimitedAsync(DiscordRoute route, HttpResponseMessage response, int count, CancellationToken cancellationToken)
    {
        var body = await ReadJsonAsync(response, cancellationToken);
        var retryAfter = body?.Child("retry_after") is { ValueKind: JsonValueKind.Number } seconds
            ? TimeSpan.FromSeconds(seconds.GetDouble())
            : response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
        var global = body?.Bool("global") == true
            || string.Equals(DiscordRateLimiter.Header(response.Headers, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase);
        var ownWait = rateLimiter.OnRateLimited(route, retryAfter, global);
        if (count > timings.MaxRateLimitedRetries)
        {
            throw new DiscordRestException($"{route.Redacted} stayed rate limited after {count} attempts", HttpStatusCode.TooManyRequests, null);
        }

        logger.LogWarning(
            "Discord rate limited {Route} ({Scope}); retrying after {RetryAfter}",
            route.Redacted,
            global ? "global" : DiscordRateLimiter.Header(response.Headers, "X-RateLimit-Scope") ?? "bucket",
            retryAfter);
        if (ownWait > TimeSpan.Zero)
        {
            await Task.Delay(ownWait, time, cancellationToken);
        }
    }

    private async Task BackOffAsync(DiscordRoute route, int failures, string reason, HttpStatusCode? status, Exception? exception, CancellationToken cancellationToken)
    {
        if (failures >= options.Value.MaxRestAttempts)
        {
            throw new DiscordRestException($"{route.Redacted} failed after {failures} attempts ({reason})", status, null, exception);
        }

        var delay = Backoff.Jittered(timings.RestRetryBase, timings.RestRetryCap, failures - 1);
        logger.LogWarning("Discord {Route} failed ({Reason}); attempt {Attempt} in {Delay}", route.Redacted, reason, failures + 1, delay);
        await Task.Delay(delay, time, cancellationToken);
    }

    private static async Task<DiscordRestException> FailureAsync(DiscordRoute route, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await ReadJsonAsync(response, cancellationToken);
        var code = body?.Int("code");
        var message = body?.String("message") ?? response.ReasonPhrase;
        return new DiscordRestException(
            $"{route.Redacted} answered {(int)response.StatusCode}{(code is null ? string.Empty : $" (code {code})")}: {message}",
            response.StatusCode,
            code);
    }

    private static async Task<JsonElement?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
