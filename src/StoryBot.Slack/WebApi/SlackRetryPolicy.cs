using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using StoryBot.Core.Telemetry;
using StoryBot.Slack.Configuration;
using StoryBot.Slack.Dispatch;

namespace StoryBot.Slack.WebApi;

/// <summary>
/// Slack's one retry policy for Web API calls: a 429 waits what its Retry-After says (at most a
/// few minutes, so a bad header cannot park a reply for hours), a 5xx backs off exponentially, up
/// to <see cref="SlackOptions.MaxRetries"/> retries; anything else is the caller's to read. A 5xx
/// after a post is not retried: Slack may have posted it already and cannot tell a repeat, so a
/// possible loss is logged rather than risking the same answer twice.
/// </summary>
internal sealed class SlackRetryPolicy
{
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(5);

    public SlackRetryPolicy(IOptions<SlackOptions> options, StoryBotTelemetry telemetry, TimeProvider time, ILogger<SlackRetryPolicy> logger)
    {
        var maxRetries = options.Value.MaxRetries;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (maxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromSeconds(1),
                ShouldHandle = arguments => ValueTask.FromResult(
                    arguments.Outcome.Result is { } response && IsRetryable(response, arguments.Context.Properties.GetValue(CreatesMessageKey, false))),
                DelayGenerator = arguments => ValueTask.FromResult<TimeSpan?>(
                    arguments.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } response ? RetryAfter(response) : null),
                OnRetry = arguments =>
                {
                    logger.LogWarning(
                        "Slack {Method} answered {Status}; retry {Attempt} of {MaxRetries} in {Delay}",
                        arguments.Context.Properties.GetValue(MethodKey, "?"),
                        (int)arguments.Outcome.Result!.StatusCode,
                        arguments.AttemptNumber + 1,
                        maxRetries,
                        arguments.RetryDelay);
                    if (arguments.Outcome.Result.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        telemetry.RateLimitWaited(SlackWork.Platform, StoryBotTelemetry.RateLimitScopes.RetryAfter, arguments.RetryDelay);
                    }

                    arguments.Outcome.Result.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }

        Pipeline = builder.Build();
    }

    public static ResiliencePropertyKey<string> MethodKey { get; } = new("slack.method");

    /// <summary>Set for calls that create a message (chat.postMessage, a response_url post): not repeated after a 5xx.</summary>
    public static ResiliencePropertyKey<bool> CreatesMessageKey { get; } = new("slack.creates-message");

    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    private static bool IsRetryable(HttpResponseMessage response, bool createsMessage) =>
        response.StatusCode == HttpStatusCode.TooManyRequests || ((int)response.StatusCode >= 500 && !createsMessage);

    private static TimeSpan RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta is { } delta
            ? delta < TimeSpan.Zero ? TimeSpan.Zero : delta > MaxRetryAfter ? MaxRetryAfter : delta
            : TimeSpan.FromSeconds(1);
}
