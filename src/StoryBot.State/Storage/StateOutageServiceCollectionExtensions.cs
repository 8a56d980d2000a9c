using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace StoryBot.State.Storage;

public static class StateOutageServiceCollectionExtensions
{
    /// <summary>The health check tag of what a load balancer should wait for before sending traffic.</summary>
    public const string ReadinessTag = "ready";

    /// <summary>The name of the state store's readiness check, which asks the store each time it runs.</summary>
    public const string StoreCheckName = StateStoreHealthCheck.Name;

    /// <summary>
    /// Living with a state store that goes away at runtime: one <see cref="StoreReachability"/> that
    /// logs each outage once, the retry pipeline and the queue of writes that wait for the store, and
    /// the <see cref="StateStoreHealthCheck"/> tagged <see cref="ReadinessTag"/>. The waiting writes
    /// are kept in a file in the data directory; <c>AddStoryState</c> applies what the last run left
    /// right after migrating, and <see cref="StateWriteTakeoverService"/> what an instance sharing
    /// the directory leaves when it crashes while this one runs. Needs the <c>Storage</c> options and the data directory, which
    /// <c>AddStoryState</c> binds.
    /// </summary>
    public static IServiceCollection AddStateOutageTolerance(this IServiceCollection services)
    {
        // Health checks refuse a name registered twice.
        if (services.Any(d => d.ServiceType == typeof(DeferredStateWrites)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StoreReachability>();
        services.TryAddSingleton<StateWriteRetry>();
        services.TryAddSingleton<StateWriteSpill>();
        services.AddSingleton<DeferredStateWrites>();

        // Registered once and forwarded, so the queue the stores write to is the one that runs.
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<DeferredStateWrites>());
        services.AddSingleton<IHostedService, StateWriteTakeoverService>();
        services.AddHealthChecks().AddCheck<StateStoreHealthCheck>(
            StateStoreHealthCheck.Name, HealthStatus.Unhealthy, [ReadinessTag], timeout: TimeSpan.FromSeconds(5));
        return services;
    }
}
