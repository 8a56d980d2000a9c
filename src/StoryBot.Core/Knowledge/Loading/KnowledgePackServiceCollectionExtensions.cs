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
    /// </summary>
    public static IServiceCollection AddKnowledgePack(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KnowledgeOptions>()
            .Bind(configuration.GetSection(KnowledgeOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KnowledgeOptions>, KnowledgeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<KnowledgePackStatus>();
        services.TryAddSingleton<KnowledgePackProvider>();
        services.TryAddSingleton<IKnowledgeProvider>(sp => sp.GetRequiredService<KnowledgePackProvider>());
        services.TryAddSingleton<IKnowledgePackChanges>(sp => sp.GetRequiredService<KnowledgePackProvider>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, KnowledgePackStartup>());
        return services;
    }
}
