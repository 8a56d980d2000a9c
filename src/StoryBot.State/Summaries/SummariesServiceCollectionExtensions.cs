using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StoryBot.Core.Conversation;
using StoryBot.State.Storage;
using StoryBot.State.Telemetry;

namespace StoryBot.State.Summaries;

public static class SummariesServiceCollectionExtensions
{
    /// <summary>
    /// Story summaries: the composer and the <c>/summary</c> command that uses it (replacing
    /// Core's command of that name, so call after <c>AddStoryCore</c>), and with
    /// <paramref name="schedule"/> the daily schedules (section <c>Summaries</c>, validated at
    /// start), their ledger in the state database (needs <c>AddStoryState</c>) and the scheduler,
    /// which posts through the registered <see cref="IChannelPoster"/>s. Pass
    /// <c>schedule: false</c> for one-shot runs that must not post anything unasked.
    /// </summary>
    public static IServiceCollection AddSummaries(this IServiceCollection services, IConfiguration configuration, bool schedule = true)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton<IStorySummaryComposer, StorySummaryComposer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatCommand, WhatsNewCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatCommand, SummaryChatCommand>());
        if (!schedule)
        {
            return services;
        }

        services.AddOptions<SummariesOptions>()
            .BindConfiguration(SummariesOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SummariesOptions>, SummariesOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStateMigrations, SummaryLedgerSchema>());
        services.TryAddSingleton<SqlSummaryLedger>();
        services.TryAddSingleton<ISummaryLedger>(provider => provider.GetRequiredService<SqlSummaryLedger>());
        services.TryAddSingleton<ISummaryHistory>(provider => provider.GetRequiredService<SqlSummaryLedger>());
        services.AddMetrics();
        services.TryAddSingleton<StateTelemetry>();
        services.TryAddSingleton<SummarySlotClaimer>();
        services.TryAddSingleton<ScheduledSummaryComposer>();
        services.TryAddSingleton<ScheduledSummaryPoster>();
        services.TryAddSingleton<SummarySlotWorker>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SummaryScheduler>());
        return services;
    }
}
