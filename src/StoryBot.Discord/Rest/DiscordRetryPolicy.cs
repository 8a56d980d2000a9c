using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using StoryBot.Core.Telemetry;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Conversation;

namespace StoryBot.Discord.Rest;

/// <summary>
/// Discord's one retry policy for REST calls, two rules deep: a 429 waits what Discord and the
/// bucket state say (up to <see cref="DiscordTimings.MaxRateLimitedRetries"/> times); a 5xx, a
/// network error or a timed-out attempt backs off exponentially with jitter, up to
/// <see cref="DiscordOptions.MaxRestAttempts"/> attempts in all. Anything else is final.
/// </summary>
internal sealed class DiscordRetryPolicy
{
    /// <remarks>Six parameters on purpose: the limiter and telemetry learn of each 429; options, timings, clock and logger shape the retries.</remarks>
    public DiscordRetryPolicy(DiscordRateLimiter rateLimiter, StoryBotTelemetry telemetry, IOptions<DiscordOptions> options, DiscordTimings timings, TimeProvider time, ILogger<DiscordRetryPolicy> logger)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (timings.MaxRateLimitedRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = timings.MaxRateLimitedRetries,
                ShouldHandle = arguments => ValueTask.FromResult(arguments.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests),
                DelayGenerator = async arguments =>
                {
                    var response = arguments.Outcome.Result!;
                    var body = await DiscordRestClient.ReadJsonAsync(response, arguments.Context.CancellationToken);
                    var retryAfter = body?.Child("retry_after") is { ValueKind: JsonValueKind.Number } seconds
                        ? TimeSpan.FromSeconds(seconds.GetDouble())
                        : response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                    var global = body?.Bool("global") == true
                        || string.Equals(DiscordRateLimiter.Header(response.Headers, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase);
                    logger.LogWarning(
                        "Discord rate limited {Route} ({Scope}); retrying after {RetryAfter}",
                        arguments.Context.Properties.GetValue(RouteKey, null!)?.Redacted,
                        global ? "global" : DiscordRateLimiter.Header(response.Headers, "X-RateLimit-Scope") ?? "bucket",
                        retryAfter);
                    telemetry.RateLimitWaited(DiscordPlatform.Name, StoryBotTelemetry.RateLimitScopes.RetryAfter, retryAfter);

                    // The bucket or global hold makes the next attempt wait its turn; this is only what is left over.
                    return rateLimiter.OnRateLimited(arguments.Context.Properties.GetValue(RouteKey, null!), retryAfter, global);
                },
                OnRetry = DisposeFailed,
            });
        }

        if (options.Value.MaxRestAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.Value.MaxRestAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = timings.RestRetryBase,
                MaxDelay = timings.RestRetryCap,
                ShouldHandle = arguments => ValueTask.FromResult(IsTransient(arguments.Outcome, arguments.Context.CancellationToken)),
                OnRetry = arguments =>
                {
                    logger.LogWarning(
                        "Discord {Route} failed ({Reason}); attempt {Attempt} in {Delay}",
                        arguments.Context.Properties.GetValue(RouteKey, null!)?.Redacted,
                        Reason(arguments.Outcome),
                        arguments.AttemptNumber + 2,
                        arguments.RetryDelay);
                    return DisposeFailed(arguments);
                },
            });
        }

        Pipeline = builder.Build();
    }

    public static ResiliencePropertyKey<DiscordRoute> RouteKey { get; } = new("discord.route");

    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    /// <summary>What went wrong with the last attempt, for the log and the final error.</summary>
    public static string Reason(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception?.GetType().Name ?? ((int)outcome.Result!.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken) => outcome switch
    {
        { Exception: HttpRequestException } => true,

        // An attempt cut off by its own timeout, not by the caller.
        { Exception: OperationCanceledException } => !cancellationToken.IsCancellationRequested,
        { Result: { } response } => response.StatusCode >= HttpStatusCode.InternalServerError,
        _ => false,
    };

    private static ValueTask DisposeFailed(OnRetryArguments<HttpResponseMessage> arguments)
    {
        arguments.Outcome.Result?.Dispose();
        return ValueTask.CompletedTask;
    }
}
