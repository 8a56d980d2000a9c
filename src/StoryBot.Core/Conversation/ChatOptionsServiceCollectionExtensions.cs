using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StoryBot.Core.Conversation.FollowUps;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.Core.Telemetry;

namespace StoryBot.Core.Conversation;

public static class ChatOptionsServiceCollectionExtensions
{
    /// <summary>
    /// Binds the section every platform shares, <c>Cooldown</c>, once, whichever of the core and
    /// the platforms asks first.
    /// </summary>
    public static IServiceCollection AddSharedChatOptions(this IServiceCollection services)
    {
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
        services.AddStoryBotInstruments();
        services.TryAddSingleton<UserCooldown>();
        services.AddStoriesOptions();
        services.TryAddSingleton<ChannelStories>();
        services.TryAddSingleton<ConversationPipeline>();
        services.TryAddSingleton<ConversationOrder>();
        services.TryAddSingleton<StoryOverviewComposer>();

        // The adapters keep the replies they post, for threads and replies that go on from them;
        // the follow-up section binds the bound (AddFollowUps), its defaults hold without it.
        services.AddOptions<FollowUpOptions>();
        services.TryAddSingleton<ConversationMemory>();
        services.TryAddSingleton<AnsweredMessages>();
        if (!services.Any(d => d.ServiceType == typeof(PendingWrites)))
        {
            services.AddSingleton<PendingWrites>();
            services.AddHostedService(provider => provider.GetRequiredService<PendingWrites>());
        }

        services.AddWorkJournal();
        return services;
    }

    /// <summary>
    /// <see cref="StoryBotTelemetry"/>, its instruments made by the host's <see cref="System.Diagnostics.Metrics.IMeterFactory"/>
    /// (so each host, and each test's, has its own), and what spans may carry (nothing the user typed unless the host says so).
    /// </summary>
    public static IServiceCollection AddStoryBotInstruments(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddOptions<TelemetryContentOptions>();
        services.TryAddSingleton<StoryBotTelemetry>();
        return services;
    }

    /// <summary>
    /// Where acknowledged requests wait for their answer (<see cref="IWorkJournal"/>; in memory
    /// unless durable state replaces it) and the service that answers, at start, what the last run
    /// left unfinished.
    /// </summary>
    public static IServiceCollection AddWorkJournal(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWorkJournal, InMemoryWorkJournal>();
        if (!services.Any(d => d.ServiceType == typeof(WorkRecoveryService)))
        {
            services.AddSingleton<WorkRecoveryService>();
            services.AddHostedService(provider => provider.GetRequiredService<WorkRecoveryService>());
        }

        return services;
    }

    /// <summary>
    /// Adds the ids an older configuration lists under <paramref name="legacyKey"/> to a platform's
    /// own list, so a deployment configured before the lists moved keeps its moderators.
    /// </summary>
    public static OptionsBuilder<TOptions> AlsoReadLegacyList<TOptions>(
        this OptionsBuilder<TOptions> builder, IConfiguration configuration, string legacyKey, Func<TOptions, IList<string>> list)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.PostConfigure(options =>
        {
            var ids = list(options);
            foreach (var id in configuration.GetSection(legacyKey).GetChildren().Select(child => child.Value))
            {
                if (!string.IsNullOrWhiteSpace(id) && !ids.Contains(id))
                {
                    ids.Add(id);
                }
            }
        });
        return builder;
    }
}
