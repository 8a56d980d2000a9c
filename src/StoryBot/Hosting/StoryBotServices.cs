using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.ConsoleChat;
using StoryBot.Core;
using StoryBot.Dashboard;
using StoryBot.Discord;
using StoryBot.Slack;
using StoryBot.State;
using StoryBot.State.Summaries;
using StoryBot.Telemetry;

namespace StoryBot.Hosting;

/// <summary>All of StoryBot's wiring, in one place.</summary>
internal static class StoryBotServices
{
    public static IServiceCollection AddStoryBot(this IServiceCollection services, IConfiguration configuration, RunMode mode)
    {
        services.AddStoryCore(configuration);
        services.AddStoryState(configuration);
        services.AddStoryBotTelemetry(configuration);
        if (mode.Kind != RunKind.Serve)
        {
            // A one-shot run answers /summary but posts nothing on a schedule.
            services.AddSummaries(configuration, schedule: false);
            services.AddConsoleChat(interactive: false);
            return services;
        }

        services.AddDiscord(configuration);
        services.AddSlack(configuration);
        services.AddSummaries(configuration);
        services.AddDashboard(configuration);
        services.AddConsoleChat(interactive: !PlatformSettings.AnyPlatform(configuration));
        return services;
    }
}
