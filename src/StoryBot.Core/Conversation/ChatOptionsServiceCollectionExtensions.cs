using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace StoryBot.Core.Conversation;

public static class ChatOptionsServiceCollectionExtensions
{
    /// <summary>
    /// Binds the sections every platform shares, <c>Moderation</c> and <c>Cooldown</c>, once,
    /// whichever of the core and the platforms asks first: binding a section twice appends every
    /// entry of its lists twice.
    /// </summary>
    public static IServiceCollection AddSharedChatOptions(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(IConfigureOptions<ModerationOptions>)))
        {
            services.AddOptions<ModerationOptions>().BindConfiguration(ModerationOptions.Section);
        }

        if (!services.Any(d => d.ServiceType == typeof(IConfigureOptions<CooldownOptions>)))
        {
            services.AddOptions<CooldownOptions>().BindConfiguration(CooldownOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        }

        return services;
    }

    /// <summary>
    /// The path every platform's requests take (<see cref="ConversationPipeline"/>) and the
    /// per-user limit it applies; platforms call it too, so an adapter works whether or not the
    /// core was added first.
    /// </summary>
    public static IServiceCollection AddConversationPipeline(this IServiceCollection services)
    {
        services.AddSharedChatOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UserCooldown>();
        services.TryAddSingleton<ConversationPipeline>();
        return services;
    }
}
