using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StoryBot.Core;
using StoryBot.Core.Conversation;
using StoryBot.Core.Conversation.FollowUps;
using StoryBot.Core.DataFiles;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.Core.Platforms;
using StoryBot.State.Checkpoints;
using StoryBot.State.Commands;
using StoryBot.State.Corrections;
using StoryBot.State.Moderation;
using StoryBot.State.Storage;
using StoryBot.State.Work;

namespace StoryBot.State;

public static class StateServiceCollectionExtensions
{
    /// <summary>
    /// Durable state (section <c>Storage</c>), migrated at start, and moderation on top of it
    /// (section <c>Moderation</c>): the journal of acknowledged requests, the connection checkpoints, the citation policy, the answer recorder, the <c>/sources</c>
    /// and <c>/report</c> commands, the correction worker and the retention purge; answering goes on
/// while the store cannot be reached (see <see cref="StateOutageServiceCollectionExtensions"/>).
    /// Its <c>/sources</c> replaces the core's built-in one, whichever is added first.
    /// </summary>
    public static IServiceCollection AddStoryState(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddDataDirectory(configuration);
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .PostConfigure<DataDirectory>((options, directory) =>
            {
                if (!options.IsPostgres)
                {
                    options.ConnectionString = SqliteFileLocation.UnderDataDirectory(options.EffectiveConnectionString, directory);
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.AddOptions<ModerationStateOptions>()
            .Bind(configuration.GetSection(ModerationStateOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddStateOutageTolerance();
        services.TryAddSingleton(StateDatabaseFactory.Create);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStateMigrations, ModerationSchema>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStateMigrations, DashboardReadSchema>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStateMigrations, WorkJournalSchema>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStateMigrations, CheckpointSchema>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupCheck, StateStartupCheck>());

        // First hosted service, so the schema is in place before any other feature touches it; then
        // the writes the last run left waiting for the store, before anything reads the state.
        if (!services.Any(d => d.ImplementationType == typeof(StateMigrationService)))
        {
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService, StateMigrationService>());
            services.Insert(1, ServiceDescriptor.Singleton<IHostedService, StateWriteReplayService>());
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStateWriteKind, AnswerRecordWrite>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStateWriteKind, UnansweredQuestionWrite>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStateWriteKind, AuditEntryWrite>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStateWriteKind, AcceptedRequestWrite>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStateWriteKind, RequestStatusWrite>());

        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<AnswerLog>();
        services.TryAddSingleton<DisabledCitations>();
        services.TryAddSingleton<ReaderReports>();
        services.TryAddSingleton<IOpenReports>(provider => provider.GetRequiredService<ReaderReports>());
        services.TryAddSingleton<CorrectionSignal>();
        services.TryAddSingleton<CorrectionLedger>();
        services.TryAddSingleton<CorrectionProcessor>();
        services.TryAddSingleton<SourceListing>();
        services.TryAddSingleton<ReportSubcommands>();
        services.TryAddSingleton<UnansweredLog>();
        services.TryAddSingleton<UnansweredListing>();
        services.TryAddSingleton<AnswerStatistics>();

        // These replace Core's defaults whichever of AddStoryCore and AddStoryState runs first.
        services.RemoveAll<ICitationPolicy>();
        services.AddSingleton<ICitationPolicy, StoreCitationPolicy>();
        services.RemoveAll<IAnswerRecorder>();
        services.AddSingleton<IAnswerRecorder>(provider => provider.GetRequiredService<AnswerLog>());
        services.TryAddSingleton<IRecordedAnswers>(provider => provider.GetRequiredService<AnswerLog>());
        services.RemoveAll<IUnansweredQuestions>();
        services.AddSingleton<IUnansweredQuestions>(provider => provider.GetRequiredService<UnansweredLog>());
        services.AddWorkJournal();
        services.RemoveAll<IWorkJournal>();
        services.AddSingleton<IWorkJournal, SqlWorkJournal>();
        services.RemoveAll<IConnectionCheckpoints>();
        services.AddSingleton<IConnectionCheckpoints, SqlConnectionCheckpoints>();
        services.RemoveAll<ISpacedTurns>();
        services.AddSingleton<ISpacedTurns, SqlSpacedTurns>();

        services.AddStoriesOptions();
        services.TryAddSingleton<ChannelStories>();
        services.TryAddSingleton<ChannelStoryChoices>();
        services.TryAddSingleton<IChannelStoryChoices>(provider => provider.GetRequiredService<ChannelStoryChoices>());
        services.TryAddSingleton<ChannelStorySubcommand>();
        services.TryAddSingleton<ModerateCommand>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatCommand, ModerateCommand>(provider => provider.GetRequiredService<ModerateCommand>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatCommand, SourcesCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatCommand, ReportCommand>());

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CitationFilterWarmUp>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CorrectionWorker>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RetentionPurgeService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, UnansweredRekeying>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WithdrawnExcerptsWatch>());
        return services;
    }
}
