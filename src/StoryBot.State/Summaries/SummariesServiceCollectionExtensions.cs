using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StoryBot.Core.Conversation;
using StoryBot.State.Storage;

namespace StoryBot.State.Summaries;

public static class SummariesServiceCollectionExtensions
{
    /// <summary>
    /// Daily summaries (section <c>Summaries</c>): validated schedules, the ledger in the state
    /// database, the composer, the <c>/summary</c> command that shares its content, and the
    /// scheduler. Call after <c>AddStoryCore</c> (the pack, the citation policy, and the
    /// built-in <c>/summary</c> this replaces) and with <c>AddStoryState</c> (the database);
    /// the platforms register their <c>IChannelPoster</c>s.
    /// </summary>
    public static IServiceCollection AddSummaries(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<SummariesOptions>()
            .BindConfiguration(SummariesOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SummariesOptions>, SummariesOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStateMigrations, SummaryLedgerSchema>());
        services.TryAddSingleton<ISummaryLedger, SqlSummaryLedger>();
        services.TryAddSingleton<IStorySummaryComposer, StorySummaryComposer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatCommand, SummaryChatCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SummaryScheduler>());
        return services;
    }
}
