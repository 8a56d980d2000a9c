using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace StoryBot.State.Storage;

/// <summary>
/// The one retry for state writes that found the store unreachable: exponential backoff with
/// jitter, from a second up to <see cref="StorageOptions.OutageRetryMaxDelay"/>, for as long as
/// the outage lasts (or until the host stops). Nothing is logged per attempt:
/// <see cref="StoreReachability"/> logs the outage once.
/// </summary>
public sealed class StateWriteRetry
{
    public StateWriteRetry(IOptions<StorageOptions> options, TimeProvider time)
    {
        Pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<StateUnavailableException>(),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = options.Value.OutageRetryMaxDelay,
            })
            .Build();
    }

    public ResiliencePipeline Pipeline { get; }
}
