using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StoryBot.Core.Platforms;
using StoryBot.State.Storage;

namespace StoryBot.Hosting.Health;

internal static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// Liveness and readiness for a bot that serves: the checks (host, knowledge pack, state store,
    /// each configured platform connection, the HTTP endpoints when <paramref name="webServer"/>,
    /// the hosted workers) and, when a platform or a summary schedule is configured, the
    /// <see cref="HealthListener"/> on <c>Health:Urls</c>. Every check reads state its component
    /// keeps; the one that does I/O, the state store's, runs in the background.
    /// </summary>
    public static IServiceCollection AddStoryBotHealth(this IServiceCollection services, IConfiguration configuration, bool webServer)
    {
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HealthOptions>, HealthOptionsValidator>());
        services.TryAddSingleton<WorkersHealthCheck>();
        var checks = services.AddHealthChecks()
            .AddCheck<HostLifetimeHealthCheck>(HostLifetimeHealthCheck.Name, tags: [HealthTags.Ready])
            .AddCheck<KnowledgePackHealthCheck>(KnowledgePackHealthCheck.Name, tags: [HealthTags.Ready])
            .AddCheck<WorkersHealthCheck>(WorkersHealthCheck.Name, tags: [HealthTags.Live]);
        if (webServer)
        {
            services.TryAddSingleton<HttpEndpointsHealthCheck>();
            checks.AddCheck<HttpEndpointsHealthCheck>(HttpEndpointsHealthCheck.Name, tags: [HealthTags.Ready]);
        }

        // The platforms register a readiness for each connection they were configured to open.
        services.AddOptions<HealthCheckServiceOptions>().PostConfigure<IEnumerable<IConnectionReadiness>>((health, connections) =>
        {
            foreach (var connection in connections)
            {
                health.Registrations.Add(new HealthCheckRegistration(connection.Name, new ConnectionHealthCheck(connection), HealthStatus.Unhealthy, [HealthTags.Ready]));
            }
        });
        services.AddOptions<HealthCheckServiceOptions>().PostConfigure<IServiceScopeFactory, TimeProvider, IHostApplicationLifetime>((health, scopes, time, lifetime) =>
        {
            foreach (var store in health.Registrations.Where(r => r.Name == StateOutageServiceCollectionExtensions.StoreCheckName))
            {
                BackgroundHealthCheck.TakeOver(store, scopes, time, lifetime);
            }
        });

        if (ListenerWanted(configuration))
        {
            services.TryAddSingleton<HealthListener>();

            // First, so it stops last: probes see "stopping" while the work lanes drain.
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(provider => provider.GetRequiredService<HealthListener>()));
        }

        return services;
    }

    /// <summary>A bot serving a platform or posting summaries; not the console chat.</summary>
    private static bool ListenerWanted(IConfiguration configuration) =>
        PlatformSettings.AnyPlatform(configuration) || configuration.GetSection("Summaries:Schedules").GetChildren().Any();
}
