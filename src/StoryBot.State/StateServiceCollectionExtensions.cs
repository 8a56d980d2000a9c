using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StoryBot.State.Moderation;
using StoryBot.State.Storage;

namespace StoryBot.State;

public static class StateServiceCollectionExtensions
{
    /// <summary>
    /// Durable state (section <c>Storage</c>), migrated at start, and moderation on top of it.
    /// Call after <c>AddStoryCore</c> so the moderation commands replace Core's of the same name.
    /// </summary>
    public static IServiceCollection AddStoryState(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(StateDatabaseFactory.Create);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStateMigrations, ModerationSchema>());

        // First hosted service, so the schema is in place before any other feature touches it.
        if (!services.Any(d => d.ImplementationType == typeof(StateMigrationService)))
        {
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService, StateMigrationService>());
        }

        return services;
    }
}
