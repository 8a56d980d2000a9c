using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StoryBot.Core.Answering;
using StoryBot.Core.Commands;
using StoryBot.Core.Conversation;
using StoryBot.Core.Conversation.FollowUps;
using StoryBot.Core.DataFiles;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.Core.Retrieval;
using StoryBot.Core.Retrieval.Semantic;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace StoryBot.Core;

public static class StoryCoreServiceCollectionExtensions
{
    /// <summary>
    /// The knowledge pack, the answer engine, the story commands and <see cref="IChatBot"/>:
    /// everything every platform shares.
    /// </summary>
    public static IServiceCollection AddStoryCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddKnowledgePack(configuration);
        services.AddSharedChatOptions();

        services.AddDataDirectory(configuration);
        services.AddOptions<AnsweringOptions>()
            .Bind(configuration.GetSection(AnsweringOptions.Section))
            .UnderDataDirectory(o => o.VectorCache, (o, path) => o.VectorCache = path)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<PassageIndexCache>();
        services.TryAddSingleton<ISentenceEncoder, MiniLmSentenceEncoder>();
        services.TryAddSingleton<SemanticIndexCache>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SemanticWarmUp>());
        services.TryAddSingleton<ISemanticStage>(provider =>
            provider.GetRequiredService<IOptions<AnsweringOptions>>().Value.Mode == RetrievalMode.Lexical
                ? new NoSemanticStage()
                : new SentenceSemanticStage(provider.GetRequiredService<SemanticIndexCache>()));
        services.TryAddSingleton<IAnswerEngine, AnswerEngine>();
        services.TryAddSingleton<ICitationPolicy, AllowAllCitationPolicy>();
        services.TryAddSingleton<IUnansweredQuestions, InMemoryUnansweredQuestions>();
        services.TryAddSingleton<ReplyCache>();
        services.TryAddSingleton(ChatCommands.Create);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ChatCommandCheck>());
        services.TryAddSingleton<OtherStoryHint>();
        services.TryAddSingleton<IChatBot, ChatBot>();
        services.AddConversationPipeline();
        services.AddFollowUps(configuration);

        services.AddSingleton<IChatCommand, AskCommand>();
        services.AddSingleton<IChatCommand, WhoIsCommand>();
        services.AddSingleton<IChatCommand, TimelineCommand>();
        services.AddSingleton<IChatCommand, SummaryCommand>();
        services.AddSingleton<IChatCommand, SourcesCommand>();
        services.AddSingleton<IChatCommand, HelpCommand>();
        return services;
    }
}
