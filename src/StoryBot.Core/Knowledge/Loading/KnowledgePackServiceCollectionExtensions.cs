using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace StoryBot.Core.Knowledge.Loading;

public static class KnowledgePackServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IKnowledgeProvider"/> (and <see cref="IKnowledgePackChanges"/>) backed by a story folder
    /// named in configuration section <c>Knowledge</c> { Path = "knowledge", Story = (the only story), Reload = true }. The pack is loaded
    /// and validated when the host starts; an invalid pack or a missing folder stops the start with the reasons.
    /// Section <c>Stories</c> { Serve, Default, Channels } serves several stories side by side (<see cref="StoriesOptions"/>).
    /// </summary>
    public static IServiceCollection AddKnowledgePack(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KnowledgeOptions>()
            .Bind(configuration.GetSection(KnowledgeOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddStoriesOptions(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KnowledgeOptions>, KnowledgeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<KnowledgePackStatus>();
        services.TryAddSingleton<KnowledgePackProvider>();
        services.TryAddSingleton<IKnowledgeProvider>(sp => sp.GetRequiredService<KnowledgePackProvider>());
        services.TryAddSingleton<IKnowledgePackChanges>(sp => sp.GetRequiredService<KnowledgePackProvider>());
        services.TryAddSingleton<IServedStories>(sp => sp.GetRequiredService<KnowledgePackProvider>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, KnowledgePackStartup>());
        return services;
    }

    /// <summary>
    /// Binds section <c>Stories</c> once, whichever of the knowledge pack and the conversation pipeline asks
    /// first: from <paramref name="configuration"/> when given, else from the host's configuration if it has one. The
    /// knowledge pack's validator checks it, as the stories it names are folders of Knowledge:Path.
    /// </summary>
    public static IServiceCollection AddStoriesOptions(this IServiceCollection services, IConfiguration? configuration = null)
    {
        if (!services.Any(d => d.ServiceType == typeof(IConfigureOptions<StoriesOptions>)))
        {
            var options = services.AddOptions<StoriesOptions>();
            _ = configuration is null
                // A host without registered configuration (a test's services) simply serves one story.
                ? options.Configure<IServiceProvider>((stories, provider) => provider.GetService<IConfiguration>()?.GetSection(StoriesOptions.Section).Bind(stories))
                : options.Bind(configuration.GetSection(StoriesOptions.Section));
        }

        return services;
    }
}
