using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly;
using StoryBot.Discord.Configuration;

namespace StoryBot.Discord.Rest;

/// <summary>
/// Every Discord REST call goes through here: bucket-aware waits, 429s honoured, bounded retries
/// on 5xx and timeouts, no retry on 401/403, and a 401 that disables the platform for good.
/// Logs name the redacted route only; the token never leaves the Authorization header.
/// </summary>
/// <remarks>More than five constructor parameters on purpose: besides the HTTP client and its retry policy it needs the bucket limiter and the platform switch per attempt; options, timings and the clock are settings, not collaborators.</remarks>
internal sealed class DiscordRestClient(
    IHttpClientFactory httpClientFactory,
    DiscordRateLimiter rateLimiter,
    DiscordPlatformStatus status,
    DiscordRetryPolicy retries,
    IOptions<DiscordOptions> options,
    DiscordTimings timings,
    TimeProvider time)
{
    public const string HttpClientName = "StoryBot.Discord";

    private static readonly ResiliencePropertyKey<bool> TurnTakenKey = new("discord.turn-taken");

    private static readonly string Version =
        typeof(DiscordRestClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0";

    public Task<JsonElement?> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    /// <param name="turnTaken">
    /// The route's bucket was taken for this call beforehand (<see cref="DiscordRateLimiter.TryTake"/>):
    /// the first attempt goes without waiting; a retry waits for the bucket like any call.
    /// </param>
    public async Task<JsonElement?> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken, bool turnTaken = false)
    {
        var route = new DiscordRoute(method, path);
        var payload = body is null ? null : DiscordJson.Serialize(body);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(DiscordRetryPolicy.RouteKey, route);
        context.Properties.Set(TurnTakenKey, turnTaken);
        Outcome<HttpResponseMessage> outcome;
        try
        {
            outcome = await retries.Pipeline.ExecuteOutcomeAsync(
                static async (context, state) =>
                {
                    try
                    {
                        var turnTaken = context.Properties.GetValue(TurnTakenKey, false);
                        context.Properties.Set(TurnTakenKey, false);
                        return Outcome.FromResult(await state.client.AttemptAsync(state.route, state.payload, turnTaken, context.CancellationToken));
                    }
                    catch (Exception exception) when (exception is not DiscordRestException)
                    {
                        return Outcome.FromException<HttpResponseMessage>(exception);
                    }
                },
                context,
                (client: this, route, payload));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (outcome.Exception is { } exception)
        {
            if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw exception;
            }

            throw new DiscordRestException($"{route.Redacted} failed after {options.Value.MaxRestAttempts} attempts ({exception.GetType().Name})", null, null, exception);
        }

        using var response = outcome.Result!;
        if (response.IsSuccessStatusCode)
        {
            return await ReadJsonAsync(response, cancellationToken);
        }

        switch (response.StatusCode)
        {
            case HttpStatusCode.TooManyRequests:
                throw new DiscordRestException($"{route.Redacted} stayed rate limited after {timings.MaxRateLimitedRetries + 1} attempts", HttpStatusCode.TooManyRequests, null);
            case HttpStatusCode.Unauthorized when !IsTokenRoute(path):
                status.Disable($"Discord answered 401 Unauthorized to {route.Redacted}: the bot token is invalid or revoked; check Discord:Token");
                throw await FailureAsync(route, response, cancellationToken);
            case >= HttpStatusCode.InternalServerError:
                throw new DiscordRestException(
                    $"{route.Redacted} failed after {options.Value.MaxRestAttempts} attempts ({(int)response.StatusCode})", response.StatusCode, null);
            default:
                throw await FailureAsync(route, response, cancellationToken);
        }
    }

    /// <summary>One try: waits for the route's bucket, sends with its own timeout, and notes the bucket state Discord returns.</summary>
    private async Task<HttpResponseMessage> AttemptAsync(DiscordRoute route, byte[]? payload, bool turnTaken, CancellationToken cancellationToken)
    {
        if (status.IsDisabled)
        {
            throw new DiscordRestException($"Discord is disabled ({status.Reason}); {route.Redacted} was not sent", HttpStatusCode.Unauthorized, null);
        }

        if (!turnTaken)
        {
            await rateLimiter.WaitAsync(route, cancellationToken);
        }

        using var timeout = new CancellationTokenSource(options.Value.RestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = BuildRequest(route.Method, route.Path, payload);
        var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, linked.Token);
        rateLimiter.Update(route, response.Headers);
        return response;
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

    internal static async Task<JsonElement?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
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
