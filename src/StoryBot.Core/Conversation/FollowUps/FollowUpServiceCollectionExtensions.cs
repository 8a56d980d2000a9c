using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace StoryBot.Core.Conversation.FollowUps;

public static class FollowUpServiceCollectionExtensions
{
    /// <summary>Follow-up questions: the conversations kept in memory (section <c>FollowUps</c>, validated at start) and their reading.</summary>
    public static IServiceCollection AddFollowUps(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FollowUpOptions>()
            .Bind(configuration.GetSection(FollowUpOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ConversationMemory>();
        services.TryAddSingleton<AnsweredMessages>();
        services.TryAddSingleton<FollowUpConversations>();
        return services;
    }
}
