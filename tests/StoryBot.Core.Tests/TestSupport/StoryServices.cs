using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Loading;

using StoryBot.Core.Tests.TestSupport;

namespace StoryBot.Core.Tests.TestSupport;

/// <summary>The real pack of the checkout, loaded once, and the core services around it.</summary>
internal static class StoryServices
{
    private static readonly Lazy<KnowledgePack> RealPack = new(() => KnowledgePackLoader.Load(RepoRoot.Story));

    public static KnowledgePack Pack => RealPack.Value;

    /// <param name="extra">Registrations after the core's, such as a feature's own commands.</param>
    public static ServiceProvider Create(ICitationPolicy? policy = null, KnowledgePack? pack = null, Action<IServiceCollection>? extra = null)
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IKnowledgeProvider>(new FixedKnowledge(pack ?? Pack));
        if (policy is not null)
        {
            services.AddSingleton(policy);
        }

        services.AddStoryCore(configuration);
        extra?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public static IChatBot ChatBot(ICitationPolicy? policy = null) => Create(policy).GetRequiredService<IChatBot>();

    private sealed class FixedKnowledge(KnowledgePack pack) : IKnowledgeProvider
    {
        public KnowledgePack Current => pack;
    }
}
