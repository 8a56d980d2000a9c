using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.ConsoleChat;
using StoryBot.Core;
using StoryBot.State;

namespace StoryBot.Hosting;

/// <summary>All of StoryBot's wiring, in one place.</summary>
internal static class StoryBotServices
{
    public static IServiceCollection AddStoryBot(this IServiceCollection services, IConfiguration configuration, RunMode mode)
    {
        services.AddStoryCore(configuration);
        services.AddStoryState(configuration);
        if (mode.Kind != RunKind.Serve)
        {
            services.AddConsoleChat(interactive: false);
            return services;
        }

        services.AddConsoleChat(interactive: !PlatformSettings.AnyPlatform(configuration));
        return services;
    }
}
