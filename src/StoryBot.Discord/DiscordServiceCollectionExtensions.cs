using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StoryBot.Core.Conversation;
using StoryBot.Core.DataFiles;
using StoryBot.Core.Platforms;
using StoryBot.Discord.Commands;
using StoryBot.Discord.Configuration;
using StoryBot.Discord.Conversation;
using StoryBot.Discord.Gateway;
using StoryBot.Discord.Interactions;
using StoryBot.Discord.Messages;
using StoryBot.Discord.Moderation;
using StoryBot.Discord.Posting;
using StoryBot.Discord.Rest;

namespace StoryBot.Discord;

public static class DiscordServiceCollectionExtensions
{
    /// <summary>
    /// The Discord adapter. Does nothing when the <c>Discord</c> section sets neither a token nor a
    /// public key; a half-configured section fails the host at start naming the missing key.
    /// Needs an <see cref="IChatBot"/> (and, optionally, an <see cref="IAnswerRecorder"/>).
    /// </summary>
    public static IServiceCollection AddDiscord(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(DiscordOptions.Section);
        services.AddDataDirectory(configuration);
        services.AddOptions<DiscordOptions>()
            .BindConfiguration(DiscordOptions.Section)
            .AlsoReadLegacyList(configuration, "Moderation:DiscordRoleIds", options => options.ModeratorRoleIds)
            .UnderDataDirectory(options => options.StateDirectory, (options, path) => options.StateDirectory = path)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>());
        if (string.IsNullOrWhiteSpace(section["Token"]) && string.IsNullOrWhiteSpace(section["PublicKey"]))
        {
            return services;
        }

        services.AddConversationPipeline();

        // The factory's own request logging prints full URLs, and interaction URLs carry their
        // token; the client logs every failure itself with the token redacted.
        services.AddHttpClient(DiscordRestClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();

        services.TryAddSingleton<DiscordTimings>();
        services.TryAddSingleton<DiscordPlatformStatus>();
        services.TryAddSingleton<DiscordRateLimiter>();
        services.TryAddSingleton<DiscordRetryPolicy>();
        services.TryAddSingleton<DiscordRestClient>();
        services.TryAddSingleton<DiscordWorkQueue>();
        services.TryAddSingleton<DiscordInteractionQueue>();
        services.TryAddSingleton<BotIdentity>();
        services.TryAddSingleton<AnswerRecording>();
        services.TryAddSingleton<DiscordModeratorCheck>();
        services.TryAddSingleton<DiscordMessageSender>();
        services.TryAddSingleton<DiscordMessageLinks>();
        services.TryAddSingleton<DiscordDelivery>();
        services.TryAddSingleton<DiscordWork>();
        services.TryAddSingleton<MessageReader>();
        services.TryAddSingleton<MessageHandler>();
        services.TryAddSingleton<WhoIsAutocomplete>();
        services.TryAddSingleton<InteractionWebhooks>();
        services.TryAddSingleton<InteractionHandler>();
        services.TryAddSingleton<InteractionResumer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkResumer, DiscordWorkResumer>());
        services.TryAddSingleton<InteractionSignatureVerifier>();
        services.TryAddSingleton<RejectedRequests>();
        services.TryAddSingleton<UnverifiedBodies>();
        services.TryAddSingleton<GatewayInteractionResponder>();
        services.TryAddSingleton<CommandRegistrar>();
        services.TryAddSingleton<GatewayLocator>();
        services.TryAddSingleton<IdentifyLimiter>();
        services.TryAddSingleton<GatewayDispatcher>();
        services.TryAddSingleton<IConnectionCheckpoints, InMemoryConnectionCheckpoints>();
        services.TryAddSingleton<ISpacedTurns, InMemorySpacedTurns>();
        services.TryAddSingleton<GatewayHandshake>();
        services.TryAddSingleton<GatewayFrameReader>();
        services.TryAddSingleton<GatewayConnector>();
        services.TryAddSingleton<GatewayReadiness>();
        services.TryAddSingleton<ShardPlanner>();
        services.TryAddSingleton<ShardRunner>();
        services.TryAddSingleton<GatewayShards>();
        if (!string.IsNullOrWhiteSpace(section["Token"]))
        {
            // Only a bot token runs the Gateway; without one there is no connection to be ready.
            services.AddSingleton<IConnectionReadiness>(provider => provider.GetRequiredService<GatewayReadiness>());
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelPoster, DiscordChannelPoster>());
        services.AddHostedService(provider => provider.GetRequiredService<DiscordWorkQueue>());
        services.AddHostedService(provider => provider.GetRequiredService<DiscordInteractionQueue>());
        services.AddHostedService<DiscordGatewayService>();
        return services;
    }

    /// <summary>
    /// Maps <c>POST /discord/interactions</c> when a public key is configured; otherwise maps
    /// nothing, so the host can call it unconditionally.
    /// </summary>
    public static IEndpointRouteBuilder MapDiscord(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetService<IOptions<DiscordOptions>>()?.Value;
        if (options is not { HasPublicKey: true } || endpoints.ServiceProvider.GetService<InteractionHandler>() is null)
        {
            return endpoints;
        }

        endpoints.MapPost(InteractionEndpoint.Path, InteractionEndpoint.HandleAsync);
        return endpoints;
    }
}
