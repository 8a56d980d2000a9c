using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StoryBot.Core.Conversation;

namespace StoryBot.ConsoleChat;

internal static class ConsoleChatServiceCollectionExtensions
{
    /// <summary>
    /// The console as a platform: a poster for summaries and corrections always, and the
    /// interactive chat when <paramref name="interactive"/> (no other platform configured).
    /// </summary>
    public static IServiceCollection AddConsoleChat(this IServiceCollection services, bool interactive)
    {
        services.TryAddSingleton(_ => ConsoleStreams.Process(interactive));
        services.TryAddSingleton<ConsoleMessageIds>();
        services.TryAddSingleton<ConsoleConversation>();
        services.AddSingleton<IChannelPoster, ConsoleChannelPoster>();
        if (interactive)
        {
            services.AddHostedService<ConsoleChatService>();
        }

        return services;
    }
}
