using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Retrieval;

namespace StoryBot.Benchmarks.Support;

/// <summary>
/// The real <see cref="IChatBot"/> as <c>AddStoryCore</c> wires it, serving a pack that is already
/// loaded, so a measurement can time loading, indexing and answering separately.
/// </summary>
internal sealed class ChatBotHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public ChatBotHarness(KnowledgePack pack)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Knowledge:Reload"] = "false" })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IKnowledgeProvider>(new LoadedPack(pack));
        services.AddStoryCore(configuration);
        _services = services.BuildServiceProvider();
        ChatBot = _services.GetRequiredService<IChatBot>();
    }

    public IChatBot ChatBot { get; }

    /// <summary>Builds the pack's search index now rather than on the first question.</summary>
    public PassageIndex BuildIndex() => _services.GetRequiredService<PassageIndexCache>().Current;

    public static ChatRequest Question(string text) => new("console", "benchmark", "reader", text);

    public void Dispose() => _services.Dispose();

    private sealed class LoadedPack(KnowledgePack pack) : IKnowledgeProvider
    {
        public KnowledgePack Current => pack;
    }
}
