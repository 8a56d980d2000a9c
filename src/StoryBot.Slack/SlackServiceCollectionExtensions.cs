using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StoryBot.Core.Conversation;
using StoryBot.Core.Platforms;
using StoryBot.Slack.Configuration;
using StoryBot.Slack.Dispatch;
using StoryBot.Slack.Handling;
using StoryBot.Slack.Http;
using StoryBot.Slack.SocketMode;
using StoryBot.Slack.WebApi;

namespace StoryBot.Slack;

public static class SlackServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Slack adapter (section <c>Slack</c>). With no token set it stays off; an app token
    /// starts Socket Mode, a signing secret enables the endpoints mapped by
    /// <see cref="SlackEndpointRouteBuilderExtensions.MapSlack"/>. Needs an <see cref="IChatBot"/>
    /// and the pack in service (<see cref="Core.Knowledge.IKnowledgeProvider"/>), whose story the Home tab names.
    /// </summary>
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<SlackOptions>()
            .BindConfiguration(SlackOptions.Section)
            .AlsoReadLegacyList(configuration, "Moderation:SlackUserIds", options => options.ModeratorUserIds)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>());
        services.AddConversationPipeline();

        // The factory's own request logging prints full URLs, and response_url is a capability URL:
        // the client logs Web API method names only.
        services.AddHttpClient(SlackApiTransport.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30))
            .RemoveAllLoggers();
        services.TryAddSingleton<RejectedRequests>();
        services.TryAddSingleton<UnverifiedBodies>();

        services.TryAddSingleton<SlackPlatformState>();
        services.TryAddSingleton<ChannelPacer>();
        services.TryAddSingleton<SlackRetryPolicy>();
        services.TryAddSingleton<SlackApiTransport>();
        services.TryAddSingleton<SlackApiClient>();
        services.TryAddSingleton<SlackIdentity>();
        services.TryAddSingleton<SlackModerators>();
        services.TryAddSingleton<SlackModeratorGroups>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SlackModeratorGroupRefresh>());
        services.TryAddSingleton<SlackUserLanguages>();
        services.TryAddSingleton<SlackRequests>();
        services.TryAddSingleton<SlackDeduplicator>();
        services.TryAddSingleton<SlackWork>();
        services.TryAddSingleton<SlackDelivery>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkResumer, SlackWorkResumer>());
        services.TryAddSingleton<SlackReportFlow>();
        services.TryAddSingleton<SlackHomeViewers>();
        services.TryAddSingleton<SlackAppHome>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SlackHomeRefresh>());
        services.TryAddSingleton<SlackThreads>();
        services.TryAddSingleton<SlackConversation>();
        services.TryAddSingleton<SlackSignatureVerifier>();
        services.TryAddSingleton<SlackHttpEndpoints>();
        services.TryAddSingleton<SocketModeEnvelopeRouter>();
        services.TryAddSingleton<SocketModeReadiness>();
        if (!string.IsNullOrWhiteSpace(configuration[$"{SlackOptions.Section}:{nameof(SlackOptions.AppToken)}"]))
        {
            // Only an app token opens Socket Mode; HTTP mode's readiness is the web server's.
            services.AddSingleton<IConnectionReadiness>(provider => provider.GetRequiredService<SocketModeReadiness>());
        }

        // Registered once and forwarded, so the queue the endpoints write to is the one that runs.
        services.TryAddSingleton<SlackWorkQueue>();
        services.AddHostedService(provider => provider.GetRequiredService<SlackWorkQueue>());
        services.AddHostedService<SlackConnectionService>();

        if (!string.IsNullOrWhiteSpace(configuration[$"{SlackOptions.Section}:{nameof(SlackOptions.BotToken)}"]))
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelPoster, SlackChannelPoster>());
        }

        return services;
    }
}
